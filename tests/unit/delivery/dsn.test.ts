import { describe, expect, it } from "vitest";
import { eventsFromReport } from "../../../app/delivery/dsn";

const report = (statusPart: string, original = "Message-ID: <run1.0@mail.tend.test>\nSubject: Hi") =>
  [
    'Content-Type: multipart/report; report-type=delivery-status;\n boundary="xyz"',
    "",
    "preamble",
    "--xyz",
    "Content-Type: text/plain",
    "",
    "human text",
    "--xyz",
    statusPart,
    "--xyz",
    "Content-Type: message/rfc822",
    "",
    original,
    "",
    "body",
    "--xyz--",
  ].join("\n");

describe("eventsFromReport", () => {
  it("reads failed recipients, hard for 5.x.x and soft for 4.x.x, from a base64 status part", () => {
    const fields = [
      "Reporting-MTA: dns; mx.example",
      "",
      "Final-Recipient: rfc822; a@example.com",
      "Action: failed",
      "Status: 5.2.1",
      "",
      "Final-Recipient: rfc822;<b@example.com>",
      "Action: failed",
      "Status: 4.2.2",
      "",
      "Final-Recipient: rfc822; c@example.com",
      "Action: delayed",
      "Status: 4.4.1",
    ].join("\r\n");
    const part = `Content-Type: message/delivery-status\nContent-Transfer-Encoding: base64\n\n${Buffer.from(fields).toString("base64")}`;
    expect(eventsFromReport(report(part))).toEqual([
      expect.objectContaining({
        type: "bounce",
        messageId: "<run1.0@mail.tend.test>",
        recipient: "a@example.com",
        bounceType: "hard",
      }),
      expect.objectContaining({ recipient: "b@example.com", bounceType: "soft" }),
    ]);
  });

  it("returns nothing for mail that is not a report or names no Message-ID", () => {
    expect(eventsFromReport("Subject: hi\n\nhello")).toEqual([]);
    const part =
      "Content-Type: message/delivery-status\n\nFinal-Recipient: rfc822; a@example.com\nAction: failed\nStatus: 5.1.1";
    expect(eventsFromReport(report(part, "Subject: no id"))).toEqual([]);
  });
});
