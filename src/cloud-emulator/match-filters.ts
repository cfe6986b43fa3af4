// Tencent's `Filters` semantics: filters are ANDed, the values of one filter are ORed.
import { ApiFault } from './api-fault.js';

export interface ApiFilter {
  Name: string;
  Values: string[];
}

/**
 * Keeps the items every filter matches. `fields` maps each supported filter name to the item's
 * value; an unknown filter name is an error, as on the real API.
 */
export function matchFilters<T>(items: T[], filters: unknown, fields: Record<string, (item: T) => string>): T[] {
  const list = parseFilters(filters);
  for (const filter of list) {
    if (!fields[filter.Name]) {
      throw new ApiFault('InvalidParameter.FilterInvalidKey', `The filter key ${filter.Name} is not supported; supported: ${Object.keys(fields).join(', ')}.`);
    }
  }
  return items.filter((item) => list.every((f) => f.Values.includes(fields[f.Name]!(item))));
}

function parseFilters(filters: unknown): ApiFilter[] {
  if (filters === undefined) return [];
  if (!Array.isArray(filters)) throw new ApiFault('InvalidParameter.InvalidFilter', 'Filters must be an array of {Name, Values}.');
  return filters.map((f) => {
    if (!f || typeof f !== 'object' || typeof (f as ApiFilter).Name !== 'string') {
      throw new ApiFault('InvalidParameter.FilterNotDict', 'Each filter must be an object with Name and Values.');
    }
    const values = (f as ApiFilter).Values;
    if (!Array.isArray(values) || values.some((v) => typeof v !== 'string')) {
      throw new ApiFault('InvalidParameter.FilterValuesNotList', `The Values of filter ${(f as ApiFilter).Name} must be a list of strings.`);
    }
    return f as ApiFilter;
  });
}

/** Offset/Limit paging (Limit defaults to 20, at most 100). */
export function page<T>(items: T[], params: Record<string, unknown>): T[] {
  const offset = Number(params.Offset ?? 0);
  const limit = Number(params.Limit ?? 20);
  if (!Number.isInteger(offset) || offset < 0 || !Number.isInteger(limit) || limit < 1 || limit > 100) {
    throw new ApiFault('InvalidParameterValue.Range', 'Offset must be >= 0 and Limit between 1 and 100.');
  }
  return items.slice(offset, offset + limit);
}
