export type {
  BootstrapRelease,
  FluxApp,
  FluxAppFile,
  FluxDependency,
  FluxHealthCheck,
  FluxKustomizationSettings,
  FluxNamespace,
} from "./app-model.js";
