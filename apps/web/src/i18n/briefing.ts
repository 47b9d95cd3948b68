// The strings of the briefing screen (领导大屏), loaded with its chunk.
import { i18next } from "./index.ts";

const zhCN = {
  title: "百企示范、千企争先 · 两新党建示范带",
  city: "全市",
  paused: "已暂停（空格键继续）",
  slides: "轮播页",
  previous: "上一页",
  next: "下一页",
  pause: "暂停",
  resume: "继续",
  goTo: "第 {{n}} 页：{{title}}",
  fullscreen: "全屏",
  exitFullscreen: "退出全屏",
  opening: "正在打开大屏…",
  snapshotFile: "大屏",
  tierTargets: "梯队目标 约 {{counts}} 个",
  nonCompetitors: "另有非争创对象 {{count}} 个，不参加评分",
  rankingTitle: "示范点完成率排行",
};

const en: typeof zhCN = {
  title: "Hundred Models, Thousand Contenders · demonstration belts",
  city: "The whole city",
  paused: "Paused (space to resume)",
  slides: "Slides",
  previous: "Previous",
  next: "Next",
  pause: "Pause",
  resume: "Resume",
  goTo: "Slide {{n}}: {{title}}",
  fullscreen: "Full screen",
  exitFullscreen: "Exit full screen",
  opening: "Opening the briefing screen…",
  snapshotFile: "briefing",
  tierTargets: "tier targets ~{{counts}}",
  nonCompetitors: "{{count}} not competing (not scored)",
  rankingTitle: "Units by sites against quota",
};

i18next.addResourceBundle("zh-CN", "translation", { briefing: zhCN }, true, true);
i18next.addResourceBundle("en", "translation", { briefing: en }, true, true);
