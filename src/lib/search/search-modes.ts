/** Best match fuses the keyword and meaning rankings; the others use one alone. */
export const SEARCH_MODES = ['hybrid', 'keyword', 'semantic'] as const;
export type SearchMode = (typeof SEARCH_MODES)[number];

export const SEARCH_MODE_LABELS: Readonly<Record<SearchMode, string>> = {
  hybrid: 'Best match',
  keyword: 'Keywords',
  semantic: 'Meaning'
};
