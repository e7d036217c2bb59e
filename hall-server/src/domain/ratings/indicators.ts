/**
 * The indicator list ratings are checked against: the default shipped here (versioned data, indicators.default.json)
 * unless the hall's config names a replacement file (the provincial adapter's list). Parsed with the contract's
 * schema, so a bad replacement is refused at boot with the field that is wrong.
 */
import { RatingIndicatorList } from "@onewindow/contract";
import defaultList from "./indicators.default.json" with { type: "json" };

/** The list shipped with the hall-server (its `version` is stored with every rating). */
export const DEFAULT_INDICATORS: RatingIndicatorList = RatingIndicatorList.parse(defaultList);
