import { describe, expect, it } from "vitest";
import { errorCode, errorStatus, fieldIssues, issuesByField, serverMessage } from "./errors.ts";

// The shape of a TRPCClientError as the server's errorFormatter fills it.
const conflict = {
  message: "复核已被他人更新（您看到的是第 1 版，现为第 2 版）",
  data: { code: "CONFLICT", httpStatus: 409, issues: [] },
};
const badInput = {
  message: "评分有误",
  data: {
    code: "BAD_REQUEST",
    httpStatus: 400,
    issues: [
      { field: "items.2.3", message: "得分须在 0–4 之间" },
      { field: "items.2.3", message: "second message" },
      { field: "opinion", message: "提交初评须填写初评意见" },
      { nonsense: true },
    ],
  },
};

describe("errors", () => {
  it("reads the code, status and message the server sent", () => {
    expect(errorCode(conflict)).toBe("CONFLICT");
    expect(errorStatus(conflict)).toBe(409);
    expect(serverMessage(conflict)).toBe(conflict.message);
  });
  it("has no server message for a network failure (no data)", () => {
    const network = new TypeError("Failed to fetch");
    expect(errorCode(network)).toBeUndefined();
    expect(serverMessage(network)).toBeNull();
    expect(serverMessage(null)).toBeNull();
  });
  it("maps field issues to their fields, the first message of each", () => {
    expect(fieldIssues(badInput)).toHaveLength(3);
    expect(issuesByField(badInput)).toEqual({
      "items.2.3": "得分须在 0–4 之间",
      opinion: "提交初评须填写初评意见",
    });
    expect(issuesByField(conflict)).toEqual({});
  });
});
