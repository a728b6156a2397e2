"""A small Chrome DevTools Protocol client over aiohttp's websocket, to drive the Debian chromium headless
(no browser download): start, navigate, evaluate, mouse clicks, typing, downloads."""

from __future__ import annotations

import asyncio
import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path


class Chromium:
    def __init__(self, download_dir: Path, width: int = 1400, height: int = 900) -> None:
        exe = shutil.which("chromium") or shutil.which("chromium-browser")
        if exe is None:
            raise RuntimeError("chromium is not installed (apt-get install chromium)")
        self.profile = tempfile.mkdtemp(prefix="cim-chromium-")
        self.proc = subprocess.Popen([exe, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                                      f"--window-size={width},{height}", "--remote-debugging-port=0",
                                      f"--user-data-dir={self.profile}", "about:blank"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        self.download_dir = download_dir
        self._id = 0
        self.events: list[dict] = []

    async def start(self) -> None:
        import aiohttp

        line, url = "", None
        for _ in range(400):
            line = await asyncio.to_thread(self.proc.stderr.readline)
            m = re.search(r"DevTools listening on (ws://\S+)", line)
            if m:
                url = m.group(1)
                break
        if url is None:
            raise RuntimeError(f"chromium did not start: {line}")
        port = re.search(r":(\d+)/", url).group(1)
        self.session = aiohttp.ClientSession()
        self.browser = await self.session.ws_connect(url, max_msg_size=0)
        await self._send(self.browser, "Browser.setDownloadBehavior", behavior="allow",
                         downloadPath=str(self.download_dir), eventsEnabled=True)
        async with self.session.get(f"http://127.0.0.1:{port}/json/list") as r:
            pages = [t for t in await r.json() if t["type"] == "page"]
        self.page = await self.session.ws_connect(pages[0]["webSocketDebuggerUrl"], max_msg_size=0)
        await self.call("Page.enable")
        await self.call("Runtime.enable")

    async def _send(self, ws, method: str, **params):
        self._id += 1
        my = self._id
        await ws.send_str(json.dumps({"id": my, "method": method, "params": params}))
        while True:
            msg = json.loads((await ws.receive()).data)
            if msg.get("id") == my:
                if "error" in msg:
                    raise RuntimeError(f"{method}: {msg['error']}")
                return msg.get("result", {})
            self.events.append(msg)

    async def call(self, method: str, **params):
        return await self._send(self.page, method, **params)

    async def navigate(self, url: str, timeout: float = 30) -> None:
        self.events.clear()
        await self.call("Page.navigate", url=url)
        loop = asyncio.get_running_loop()
        end = loop.time() + timeout
        while not any(e.get("method") == "Page.loadEventFired" for e in self.events):
            if loop.time() > end:
                raise TimeoutError("page did not load")
            await self.eval("1")
            await asyncio.sleep(0.05)

    async def eval(self, expr: str):
        r = await self.call("Runtime.evaluate", expression=expr, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in r:
            raise RuntimeError(f"JS error in {expr!r}: {r['exceptionDetails']}")
        return r["result"].get("value")

    async def click(self, x: float, y: float) -> None:
        for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
            await self.call("Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left", clickCount=1)

    async def click_element(self, selector: str) -> None:
        box = await self.eval(f"(() => {{ const e = document.querySelector({json.dumps(selector)});"
                              " e.scrollIntoView({block: 'center'}); const r = e.getBoundingClientRect();"
                              " return [r.left + r.width / 2, r.top + r.height / 2]; })()")
        await self.click(*box)

    async def type_into(self, selector: str, text: str) -> None:
        await self.eval(f"document.querySelector({json.dumps(selector)}).focus()")
        await self.call("Input.insertText", text=text)

    async def screenshot(self, path: Path) -> None:
        import base64

        r = await self.call("Page.captureScreenshot", format="png")
        path.write_bytes(base64.b64decode(r["data"]))

    async def close(self) -> None:
        try:
            await self.browser.close()
            await self.page.close()
            await self.session.close()
        finally:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
            shutil.rmtree(self.profile, ignore_errors=True)
