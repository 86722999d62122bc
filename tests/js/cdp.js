// A minimal headless Chromium driver over the DevTools protocol on a pipe (no npm packages):
// used by the browser test (browser.js) and the search benchmark (bench/measure.js).
"use strict";
const { spawn, spawnSync } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

/** The Chromium to drive: $CHROMIUM, else `chromium` on the PATH; exits with a clear message. */
function chromiumPath() {
  const candidates = process.env.CHROMIUM ? [process.env.CHROMIUM] : ["chromium", "chromium-browser"];
  for (const c of candidates) {
    const found = spawnSync("sh", ["-c", `command -v "${c}"`], { encoding: "utf8" });
    if (found.status === 0) return found.stdout.trim();
  }
  throw new Error(
    "Chromium is missing: the search browser test needs it. Install it (Debian: " +
      "`apt-get install -y chromium`) or set CHROMIUM to its path.",
  );
}

class Browser {
  constructor(proc, dir) {
    this.proc = proc;
    this.dir = dir;
    this.nextId = 1;
    this.pending = new Map();
    this.listeners = [];
    this.buffer = "";
    proc.stdio[4].on("data", (chunk) => this.receive(chunk));
  }

  receive(chunk) {
    this.buffer += chunk.toString("utf8");
    let end;
    while ((end = this.buffer.indexOf("\0")) >= 0) {
      const message = JSON.parse(this.buffer.slice(0, end));
      this.buffer = this.buffer.slice(end + 1);
      if (message.id && this.pending.has(message.id)) {
        const { resolve, reject, method } = this.pending.get(message.id);
        this.pending.delete(message.id);
        if (message.error) reject(new Error(`${method}: ${message.error.message}`));
        else resolve(message.result);
      } else if (message.method) {
        this.listeners.forEach((l) => l(message));
      }
    }
  }

  send(method, params = {}, sessionId) {
    const id = this.nextId++;
    const message = { id, method, params };
    if (sessionId) message.sessionId = sessionId;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, method });
      this.proc.stdio[3].write(JSON.stringify(message) + "\0");
    });
  }

  /** Resolves with the first event `method` of `sessionId` that `accept` takes, within `ms`. */
  waitFor(method, sessionId, ms = 15000, accept = () => true) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.listeners = this.listeners.filter((l) => l !== listener);
        reject(new Error(`timed out waiting for ${method}`));
      }, ms);
      const listener = (m) => {
        if (m.method === method && m.sessionId === sessionId && accept(m.params)) {
          clearTimeout(timer);
          this.listeners = this.listeners.filter((l) => l !== listener);
          resolve(m.params);
        }
      };
      this.listeners.push(listener);
    });
  }

  /** A new tab (its own browser context, so nothing is cached from another). */
  async newPage() {
    const { browserContextId } = await this.send("Target.createBrowserContext");
    const { targetId } = await this.send("Target.createTarget", { url: "about:blank", browserContextId });
    const { sessionId } = await this.send("Target.attachToTarget", { targetId, flatten: true });
    const page = new Page(this, sessionId);
    await page.send("Page.enable");
    await page.send("Runtime.enable");
    return page;
  }

  /** Asks Chromium to quit (killing it if it does not within 5 s), then removes its profile. */
  async close() {
    if (this.proc.exitCode === null) {
      const exited = new Promise((resolve) => this.proc.once("exit", resolve));
      this.send("Browser.close").catch(() => {});
      const timer = setTimeout(() => this.proc.kill("SIGKILL"), 5000);
      await exited;
      clearTimeout(timer);
    }
    try {
      fs.rmSync(this.dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    } catch (e) {
      console.error(`could not remove ${this.dir}: ${e.message}`);
    }
  }
}

class Page {
  constructor(browser, sessionId) {
    this.browser = browser;
    this.sessionId = sessionId;
  }

  send(method, params) {
    return this.browser.send(method, params, this.sessionId);
  }

  async goto(url) {
    const loaded = this.browser.waitFor("Page.loadEventFired", this.sessionId);
    await this.send("Page.navigate", { url });
    await loaded;
  }

  /** Evaluates `expression` in the page (awaiting a promise) and returns its value. */
  async eval(expression) {
    const r = await this.send("Runtime.evaluate", { expression, awaitPromise: true, returnByValue: true });
    if (r.exceptionDetails) {
      const e = r.exceptionDetails;
      throw new Error(`in page: ${(e.exception && e.exception.description) || e.text}`);
    }
    return r.result.value;
  }

  /** Polls `expression` until it is truthy, within `ms`; returns its value. */
  async until(expression, ms = 15000) {
    const end = Date.now() + ms;
    for (;;) {
      const value = await this.eval(expression);
      if (value) return value;
      if (Date.now() > end) throw new Error(`timed out waiting for ${expression}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Types `text` into the focused element as a keyboard (or an IME, for Chinese) would. */
  async type(text) {
    await this.send("Input.insertText", { text });
  }

  async press(key) {
    const codes = { Enter: 13, ArrowDown: 40, ArrowUp: 38, Tab: 9 };
    const base = { key, code: key, windowsVirtualKeyCode: codes[key], nativeVirtualKeyCode: codes[key] };
    const text = key === "Enter" ? { text: "\r" } : {};
    await this.send("Input.dispatchKeyEvent", { type: "keyDown", ...base, ...text });
    await this.send("Input.dispatchKeyEvent", { type: "keyUp", ...base });
  }
}

/** Starts headless Chromium with a fresh profile. */
async function launch() {
  const executable = chromiumPath();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gazette-chromium-"));
  const proc = spawn(
    executable,
    [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-extensions",
      "--remote-debugging-pipe", `--user-data-dir=${dir}`, "about:blank",
    ],
    { stdio: ["ignore", "ignore", "pipe", "pipe", "pipe"] },
  );
  let stderr = "";
  proc.stderr.on("data", (d) => (stderr += d));
  const browser = new Browser(proc, dir);
  const exited = new Promise((_, reject) =>
    proc.on("exit", (code) => reject(new Error(`Chromium exited (${code}):\n${stderr.slice(-2000)}`))),
  );
  exited.catch(() => {});
  await Promise.race([browser.send("Browser.getVersion"), exited]);
  return browser;
}

module.exports = { launch, chromiumPath };
