/**
 * The first-run pairing page the agent serves on its loopback port: a touchscreen keypad for the 8-digit code the
 * administrator got from `hall-server device add`. It posts the code to /pair on the same origin and shows the
 * answer; the device token stays in the agent.
 */

/** The page's HTML (static; no data of the station in it). */
export function pairingPage(paired: boolean): string {
  if (paired)
    return `<!doctype html><meta charset="utf-8"><title>OneWindow station</title>
<body style="font:24px sans-serif;margin:2em"><p>本机已配对。 This station is paired.</p></body>`;
  return `<!doctype html>
<meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>配对 Pair this station</title>
<style>
  body { font: 28px sans-serif; margin: 1em; text-align: center; }
  #code { font: 48px monospace; letter-spacing: .3em; width: 8.5em; text-align: center; }
  .keys { display: grid; grid-template-columns: repeat(3, 4em); gap: .4em; justify-content: center; margin: 1em; }
  .keys button, #pair { font: 32px sans-serif; padding: .6em; }
  #answer { min-height: 2em; }
</style>
<h1>输入配对码 Enter the pairing code</h1>
<input id="code" inputmode="numeric" maxlength="8" autocomplete="off" readonly>
<div class="keys"></div>
<button id="pair">配对 Pair</button>
<p id="answer" role="status"></p>
<script>
  const code = document.getElementById("code");
  const keys = document.querySelector(".keys");
  for (const key of ["1","2","3","4","5","6","7","8","9","⌫","0","✕"]) {
    const button = document.createElement("button");
    button.textContent = key;
    button.onclick = () => {
      if (key === "⌫") code.value = code.value.slice(0, -1);
      else if (key === "✕") code.value = "";
      else if (code.value.length < 8) code.value += key;
    };
    keys.append(button);
  }
  document.getElementById("pair").onclick = async () => {
    const answer = document.getElementById("answer");
    answer.textContent = "…";
    try {
      const res = await fetch("/pair", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ code: code.value }) });
      const body = await res.json();
      answer.textContent = body.ok ? "配对成功 " + body.message : "配对失败 " + body.message;
    } catch (error) {
      answer.textContent = "配对失败 " + error;
    }
  };
</script>`;
}
