/**
 * One entry of the error catalog: a stable code, the HTTP status it maps to, and the message in
 * zh-CN and en. Messages may hold {name} placeholders filled from an error's params.
 */
export type ErrorEntry = {
  readonly status: number;
  readonly zh: string;
  readonly en: string;
};

export type ErrorCatalogPart = Readonly<Record<string, ErrorEntry>>;
