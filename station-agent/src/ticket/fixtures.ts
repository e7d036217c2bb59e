import type { QueueTicketContent } from "./queueTicketLayout.ts";

/** A full Chinese queue ticket with every optional field (the name already masked). */
export const sampleTicket: QueueTicketContent = {
  hallName: "成都市锦江区政务服务中心",
  itemName: "社会保障卡补领、换领（含金融功能激活）",
  number: "A023",
  peopleAhead: 12,
  expectedWaitMinutes: 25,
  issuedAt: "2025-11-27 09:30",
  location: "二楼 B区 5-8号窗口",
  holderName: "张*三",
  materialsHint: "居民身份证原件；近期一寸彩色免冠照片一张；户口簿（信息有变更时）",
  statusUrl: "https://hall.local/q/7f3a9c2e-41b7",
};
