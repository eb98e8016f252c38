import net from "node:net";

// A minimal SMTP server on 127.0.0.1 for the browser tests: it accepts every message the
// portal's outbox sends and keeps it (recipient, subject, decoded text body) in memory.

export type Mail = { to: string[]; subject: string; text: string };

function decodeWords(s: string): string {
  // RFC 2047 encoded words: =?utf-8?b?...?= and =?utf-8?q?...?=
  // Whitespace between two encoded words is not part of the text; elsewhere it is.
  return s.replace(/\?=\s+=\?/g, "?==?").replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_, enc: string, data: string) =>
    enc.toLowerCase() === "b"
      ? Buffer.from(data, "base64").toString("utf8")
      : decodeQuoted(data.replace(/_/g, " ")),
  );
}

function decodeQuoted(s: string): string {
  const bytes: number[] = [];
  const soft = s.replace(/=\r?\n/g, "");
  for (let i = 0; i < soft.length; i++) {
    if (soft[i] === "=" && /^[0-9A-F]{2}$/i.test(soft.slice(i + 1, i + 3))) {
      bytes.push(parseInt(soft.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(soft[i], "utf8"));
    }
  }
  return Buffer.from(bytes).toString("utf8");
}

function parse(to: string[], data: string): Mail {
  const [head, ...rest] = data.split(/\r?\n\r?\n/);
  const body = rest.join("\n\n");
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const at = line.indexOf(":");
    if (at > 0) headers[line.slice(0, at).toLowerCase()] = line.slice(at + 1).trim();
  }
  const encoding = (headers["content-transfer-encoding"] ?? "").toLowerCase();
  const text =
    encoding === "base64"
      ? Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8")
      : encoding === "quoted-printable"
        ? decodeQuoted(body)
        : body;
  return { to, subject: decodeWords(headers["subject"] ?? ""), text };
}

export class SmtpSink {
  mails: Mail[] = [];
  private server: net.Server;

  constructor() {
    this.server = net.createServer((socket) => {
      let buffer = "";
      let inData = false;
      let to: string[] = [];
      const reply = (line: string) => socket.write(line + "\r\n");
      reply("220 e2e-smtp ready");
      socket.on("data", (chunk) => {
        buffer += chunk.toString("utf8");
        for (;;) {
          if (inData) {
            const end = buffer.indexOf("\r\n.\r\n");
            if (end < 0) return;
            const data = buffer.slice(0, end).replace(/\r\n\.\./g, "\r\n.");
            buffer = buffer.slice(end + 5);
            inData = false;
            this.mails.push(parse(to, data));
            to = [];
            reply("250 queued");
            continue;
          }
          const nl = buffer.indexOf("\r\n");
          if (nl < 0) return;
          const line = buffer.slice(0, nl);
          buffer = buffer.slice(nl + 2);
          const verb = line.slice(0, 4).toUpperCase();
          if (verb === "EHLO" || verb === "HELO") reply("250 e2e-smtp");
          else if (verb === "MAIL") reply("250 ok");
          else if (verb === "RCPT") {
            to.push(line.replace(/^RCPT TO:\s*<?([^>]*)>?.*$/i, "$1").toLowerCase());
            reply("250 ok");
          } else if (verb === "DATA") {
            inData = true;
            reply("354 end with <CRLF>.<CRLF>");
          } else if (verb === "QUIT") {
            reply("221 bye");
            socket.end();
            return;
          } else reply("250 ok");
        }
      });
      socket.on("error", () => {});
    });
  }

  listen(port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(port, "127.0.0.1", () => resolve());
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /// The first mail to `address` whose subject contains `subject`, waiting up to `ms`.
  async waitFor(address: string, subject: string, ms = 60_000): Promise<Mail> {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      const m = this.mails.find((x) => x.to.includes(address) && x.subject.includes(subject));
      if (m) return m;
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`no mail to ${address} about «${subject}» within ${ms} ms`);
  }
}
