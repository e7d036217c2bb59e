/** Code tables of devices.md §1.7: gender (GB/T 2261.1) and nation (GB 3304). Pure data. */

/** Gender by code. 1 and 2 appear on cards; 0 and 9 come from the standard. */
export const GENDERS = {
  "0": { key: "unknown", label: "未知的性别" },
  "1": { key: "male", label: "男" },
  "2": { key: "female", label: "女" },
  "9": { key: "not-stated", label: "未说明的性别" },
} as const;

/** A decoded gender: the raw code, a stable key ("invalid" for codes outside the table) and the Chinese label. */
export interface Gender {
  readonly code: string;
  readonly key: "unknown" | "male" | "female" | "not-stated" | "invalid";
  readonly label: string;
}

/** Look a gender code up; codes outside the table come back with key "invalid" and an empty label. */
export function genderFromCode(code: string): Gender {
  const entry = (GENDERS as Record<string, { key: Gender["key"]; label: string } | undefined>)[code];
  return entry ? { code, ...entry } : { code, key: "invalid", label: "" };
}

/** Nation (民族) names by two-digit GB 3304 code. */
export const NATIONS: Readonly<Record<string, string>> = {
  "01": "汉",
  "02": "蒙古",
  "03": "回",
  "04": "藏",
  "05": "维吾尔",
  "06": "苗",
  "07": "彝",
  "08": "壮",
  "09": "布依",
  "10": "朝鲜",
  "11": "满",
  "12": "侗",
  "13": "瑶",
  "14": "白",
  "15": "土家",
  "16": "哈尼",
  "17": "哈萨克",
  "18": "傣",
  "19": "黎",
  "20": "傈僳",
  "21": "佤",
  "22": "畲",
  "23": "高山",
  "24": "拉祜",
  "25": "水",
  "26": "东乡",
  "27": "纳西",
  "28": "景颇",
  "29": "柯尔克孜",
  "30": "土",
  "31": "达斡尔",
  "32": "仫佬",
  "33": "羌",
  "34": "布朗",
  "35": "撒拉",
  "36": "毛南",
  "37": "仡佬",
  "38": "锡伯",
  "39": "阿昌",
  "40": "普米",
  "41": "塔吉克",
  "42": "怒",
  "43": "乌孜别克",
  "44": "俄罗斯",
  "45": "鄂温克",
  "46": "德昂",
  "47": "保安",
  "48": "裕固",
  "49": "京",
  "50": "塔塔尔",
  "51": "独龙",
  "52": "鄂伦春",
  "53": "赫哲",
  "54": "门巴",
  "55": "珞巴",
  "56": "基诺",
  "97": "其他",
  "98": "外国血统中国籍人士",
};

/** A decoded nation: the raw code and its name (empty when the code is not in the table). */
export interface Nation {
  readonly code: string;
  readonly name: string;
}

/** Look a nation code up; unknown codes keep their raw code and get an empty name. */
export function nationFromCode(code: string): Nation {
  return { code, name: NATIONS[code] ?? "" };
}
