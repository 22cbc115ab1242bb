/** The questions a command may ask on a terminal. Injected through `Context` so tests can answer them. */
export interface Prompter {
  text(options: { message: string; placeholder?: string; initialValue?: string; validate?: (value: string) => string | undefined }): Promise<string>;
  confirm(options: { message: string; initialValue?: boolean }): Promise<boolean>;
  multiselect<T extends string>(options: {
    message: string;
    options: Array<{ value: T; label: string; hint?: string }>;
    initialValues?: T[];
  }): Promise<T[]>;
  intro(title: string): void;
  outro(message: string): void;
}

/** Thrown when the user cancels a prompt (Ctrl-C): exit code 130. */
export class CancelledError extends Error {
  constructor() {
    super("Cancelled.");
    this.name = "CancelledError";
  }
}

/** The terminal implementation, on @clack/prompts (loaded only when a prompt is really shown). */
export function clackPrompter(): Prompter {
  const load = () => import("@clack/prompts");
  const unwrap = async <T>(value: T | symbol): Promise<Exclude<T, symbol>> => {
    const clack = await load();
    if (clack.isCancel(value)) {
      clack.cancel("Cancelled.");
      throw new CancelledError();
    }
    return value as Exclude<T, symbol>;
  };
  return {
    async text(o) {
      const clack = await load();
      return unwrap(
        await clack.text({
          message: o.message,
          placeholder: o.placeholder,
          initialValue: o.initialValue,
          validate: o.validate ? (v) => o.validate!(v ?? "") : undefined,
        }),
      );
    },
    async confirm(o) {
      const clack = await load();
      return unwrap(await clack.confirm({ message: o.message, initialValue: o.initialValue }));
    },
    async multiselect(o) {
      const clack = await load();
      return unwrap(
        await clack.multiselect({ message: o.message, options: o.options as never, initialValues: o.initialValues, required: false }),
      ) as never;
    },
    intro(title) {
      void load().then((c) => c.intro(title));
    },
    outro(message) {
      void load().then((c) => c.outro(message));
    },
  };
}
