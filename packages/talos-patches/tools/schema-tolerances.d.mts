export interface Tolerance {
  definition: string;
  property: string;
  schema: Record<string, unknown>;
  reason: string;
}
export declare const schemaTolerances: Tolerance[];
