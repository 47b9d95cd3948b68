// Word lists for the demo data. Names are made up from these parts; any likeness to a real
// organisation is chance (the 特色小镇 themes are the well-known public ones of each county).

import type { OrgKind } from "@beltmap/domain";
import { intBetween, pick } from "@beltmap/domain";

const BRAND_CHARS = "恒信宏达金泰盛华安康祥瑞兴隆鼎新众联卓越丰源锦程天宇博远嘉和正通益美".split("");
const INDUSTRIES = [
  "机械",
  "纸业",
  "化工",
  "电子",
  "新材料",
  "食品",
  "建材",
  "纺织",
  "物流",
  "光电",
  "竹木",
  "茶业",
  "电器",
  "汽配",
  "钢构",
  "生物科技",
  "智能装备",
  "环保科技",
  "家居",
  "农业开发",
];
const ENTERPRISE_SUFFIXES = ["有限公司党支部", "股份有限公司党委", "集团有限公司党委", "有限公司党总支"];
const SCHOOL_WORDS = ["育才", "启明", "求是", "博雅", "明德", "文华", "立人", "致远"];
const HOSPITAL_WORDS = ["仁和", "康宁", "惠民", "同济", "爱尔眼科", "协和口腔", "安康中医", "和美妇产"];
const FIRM_WORDS = ["衢信", "正衡", "明鉴", "公道", "金衢", "求实", "天平", "立诚"];
const OTHER_WORDS = [
  "个体劳动者协会",
  "物流行业协会",
  "电商协会",
  "青年创业促进会",
  "家政服务协会",
  "社会工作服务中心",
];
const ROAD_WORDS = [
  "人民",
  "解放",
  "新安",
  "府山",
  "白云",
  "荷花",
  "江滨",
  "世纪",
  "花园",
  "振兴",
  "工业",
  "文昌",
];

/** Themes of the 特色小镇 in each county (unit id → theme words). */
export const SPECIAL_TOWN_THEMES: Record<string, string[]> = {
  KECHENG: ["航埠低碳", "沟溪乡愁", "石梁橘香", "九华森林"],
  QUJIANG: ["莲花现代农业", "全旺氟硅", "廿里智造", "湖南运动"],
  LONGYOU: ["红木", "龙游石窟文旅", "湖镇竹木", "溪口青年"],
  JIANGSHAN: ["光谷", "江郎山", "廿八都古镇", "蜂业"],
  CHANGSHAN: ["赏石", "胡柚", "球川运动", "青石花卉"],
  KAIHUA: ["根缘", "龙顶茶香", "钱江源", "芹阳康养"],
  GREEN_ZONE: ["氟硅新材料", "锂电新能源", "集成电路"],
  WEST_ZONE: ["数字经济"],
};

function brand(rng: () => number): string {
  return pick(rng, BRAND_CHARS) + pick(rng, BRAND_CHARS);
}

/** A plausible organisation name of the given kind; `place` is a short county or zone name. */
export function organizationName(rng: () => number, kind: OrgKind, place: string): string {
  switch (kind) {
    case "ENTERPRISE":
      return `浙江${brand(rng)}${pick(rng, INDUSTRIES)}${pick(rng, ENTERPRISE_SUFFIXES)}`;
    case "PRIVATE_SCHOOL":
      return `${place}${pick(rng, SCHOOL_WORDS)}${pick(rng, ["实验学校", "外国语学校", "中学", "职业技术学校"])}党支部`;
    case "PRIVATE_HOSPITAL":
      return `${place}${pick(rng, HOSPITAL_WORDS)}医院党支部`;
    case "LAW_FIRM":
      return `浙江${pick(rng, FIRM_WORDS)}${brand(rng)}律师事务所党支部`;
    case "ACCOUNTING_FIRM":
      return `衢州${pick(rng, FIRM_WORDS)}${brand(rng)}会计师事务所党支部`;
    case "OTHER":
      return `${place}${pick(rng, OTHER_WORDS)}党支部`;
    case "SPECIAL_TOWN":
      throw new Error("特色小镇 names come from SPECIAL_TOWN_THEMES");
  }
}

export function streetAddress(rng: () => number, countyName: string, townshipName: string): string {
  return `${countyName}${townshipName}${pick(rng, ROAD_WORDS)}路${intBetween(rng, 1, 399)}号`;
}

export const BELT_THEMES = ["红色根脉", "共富先锋", "产业振兴", "绿色发展", "智造强链", "山海协作"];
export const MEMBER_SURNAMES = "王李张刘陈杨黄赵吴周徐孙朱胡郑汪叶余".split("");
export const MEMBER_GIVEN = "建国志强海燕立新卫东晓明文华红梅国平小军丽萍永庆秀英".match(/../g) ?? [];
