// What a run leaves for its JSON document: the changes made (or, in check mode, planned) and the errors.
export interface RunRecord {
  changes: Array<{ host: string; task: string; path?: string; diff?: string }>;
  errors: Array<{ host?: string; task?: string; message: string }>;
}
