/**
 * Where the citizen is: the screen, what they chose on the way (browse by category or department, the group, the
 * item, the search text), and the elderly mode. Screens change only through `go`, `back` and `home`, each a
 * citizen's tap (or the idle timeout): nothing else moves the screen while they act.
 */
import { reactive } from "vue";

export type Screen = "home" | "groups" | "items" | "search" | "guide" | "result" | "checkIn";

interface Place {
  screen: Screen;
  browseBy: "category" | "department";
  group: string | null;
  itemCode: string | null;
}

interface ViewState extends Place {
  query: string;
  elderly: boolean;
  listPage: number;
}

export const view = reactive<ViewState>({
  screen: "home",
  browseBy: "category",
  group: null,
  itemCode: null,
  query: "",
  /** 适老化: larger text, higher contrast, fewer choices per screen. */
  elderly: false,
  /** The page of a paged list (groups, items, search results), from 0. */
  listPage: 0,
});

const trail: Place[] = [];

const here = (): Place => ({
  screen: view.screen,
  browseBy: view.browseBy,
  group: view.group,
  itemCode: view.itemCode,
});

/** Go to `screen` (with the choice that led there); "back" returns here. */
export function go(screen: Screen, choice: Partial<Omit<Place, "screen">> = {}): void {
  trail.push(here());
  Object.assign(view, choice, { screen, listPage: 0 });
}

/** Back to the previous screen. */
export function back(): void {
  const previous = trail.pop();
  if (previous) Object.assign(view, previous, { listPage: 0 });
  else home();
}

/** Back to the start: trail, search and paging cleared (the elderly mode and language stay for this citizen). */
export function home(): void {
  trail.length = 0;
  Object.assign(view, { screen: "home", group: null, itemCode: null, query: "", listPage: 0 });
}

/** How many choices a list screen shows at once: fewer in the elderly mode. */
export function choicesPerScreen(): number {
  return view.elderly ? 4 : 8;
}
