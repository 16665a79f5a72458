/** Form fields as a plain object for a service's zod schema (files are not taken). */
export function formFields(form: FormData, names?: string[]): Record<string, string> {
  const entries = [...form.entries()].filter(([name, value]) => typeof value === 'string' && (!names || names.includes(name)));
  return Object.fromEntries(entries) as Record<string, string>;
}

/** Search params as a plain object, dropping empty values (a filter left blank is no filter). */
export function queryObject(params: Record<string, string | string[] | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(params).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''));
}
