export type {
  BootstrapRelease,
  FluxApp,
  FluxAppFile,
  FluxDependency,
  FluxHealthCheck,
  FluxKustomizationSettings,
  FluxContribution,
  FluxNamespace,
} from "./app-model.js";
