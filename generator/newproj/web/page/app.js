// The page of `newproj serve`. Every field, choice, label and rule comes from the metadata the
// server embeds (GET / with Accept: application/json gives the same); every message about an
// answer comes from the server's /validate, which runs the answers model: nothing is written twice.
"use strict";

(function () {
  const META = JSON.parse(document.getElementById("metadata").textContent);
  const TEXTS = JSON.parse(document.getElementById("texts").textContent);
  const FIELDS = META.fields;
  const BY_PARAMETER = Object.fromEntries(FIELDS.map((f) => [f.parameter, f]));
  const BY_NAME = Object.fromEntries(FIELDS.map((f) => [f.name, f]));
  const $ = (id) => document.getElementById(id);

  let lang = pickLanguage();
  const touched = new Set(); // fields the user (or the link) gave a value: the rest follow the model
  let shownQuery = null; // the answers the download links are for (null: none, or the last check failed)
  let pending = null;
  let sequence = 0;

  function pickLanguage() {
    let stored = null;
    try { stored = window.localStorage.getItem("newproj-lang"); } catch (e) { stored = null; }
    if (stored && TEXTS[stored]) return stored;
    return TEXTS[document.documentElement.lang] ? document.documentElement.lang : "en";
  }

  function t(key, params) {
    let text = (TEXTS[lang] || TEXTS.en)[key];
    for (const [name, value] of Object.entries(params || {})) text = text.split("{" + name + "}").join(value);
    return text;
  }

  // --- building the form from the metadata -------------------------------------------------

  function control(field) {
    const id = "f-" + field.name;
    let input;
    if (field.type === "choice") {
      input = document.createElement("select");
      fillChoices(input, field.choices);
    } else if (field.type === "boolean") {
      input = document.createElement("input");
      input.type = "checkbox";
    } else {
      input = document.createElement("input");
      input.type = "text";
      input.autocomplete = "off";
      input.spellcheck = false;
      if (field.type === "integer") input.inputMode = "numeric";
    }
    input.id = id;
    input.name = field.parameter;
    input.setAttribute("aria-describedby", "h-" + field.name + " e-" + field.name);
    input.addEventListener(field.type === "text" || field.type === "integer" ? "input" : "change", () => {
      touched.add(field.name);
      schedule();
    });
    return input;
  }

  function fillChoices(select, choices) {
    const current = select.value;
    select.textContent = "";
    for (const choice of choices || []) {
      const option = document.createElement("option");
      option.value = choice;
      option.textContent = choice === "" ? t("none") : choice;
      select.appendChild(option);
    }
    if ((choices || []).includes(current)) select.value = current;
  }

  function buildForm() {
    const box = $("fields");
    for (const field of FIELDS) {
      const wrap = document.createElement("div");
      wrap.className = "field" + (field.type === "boolean" ? " check" : "");
      wrap.id = "w-" + field.name;
      const label = document.createElement("label");
      label.htmlFor = "f-" + field.name;
      label.id = "l-" + field.name;
      const input = control(field);
      const help = document.createElement("span");
      help.className = "help";
      help.id = "h-" + field.name;
      const error = document.createElement("p");
      error.className = "error";
      error.id = "e-" + field.name;
      error.setAttribute("aria-live", "polite");
      if (field.type === "boolean") wrap.append(input, label, help, error);
      else wrap.append(label, input, help, error);
      box.appendChild(wrap);
    }
  }

  function applyLanguage() {
    document.documentElement.lang = lang;
    for (const node of document.querySelectorAll("[data-t]")) node.textContent = t(node.dataset.t);
    document.title = t("title");
    for (const field of FIELDS) {
      $("l-" + field.name).textContent = field.label[lang] || field.label.en;
      $("h-" + field.name).textContent = field.help[lang] || "";
      const select = $("f-" + field.name);
      if (select.tagName === "SELECT") {
        for (const option of select.options) if (option.value === "") option.textContent = t("none");
      }
    }
    $("ui-lang").value = lang;
  }

  // --- values, the link, the model's answer -------------------------------------------------

  function given() {
    const params = new URLSearchParams();
    for (const field of FIELDS) {
      if (!touched.has(field.name)) continue;
      const input = $("f-" + field.name);
      if (input.disabled) continue;
      // An emptied text field means "the default", as its placeholder shows: leave the parameter out.
      if (field.type !== "boolean" && field.type !== "choice" && input.value === "") continue;
      params.append(field.parameter, field.type === "boolean" ? String(input.checked) : input.value);
    }
    return params;
  }

  function schedule() {
    clearTimeout(pending);
    pending = setTimeout(check, 150);
  }

  async function check() {
    clearTimeout(pending);
    const mine = ++sequence;
    const query = given().toString();
    let result = null;
    let failure = null;
    try {
      const response = await fetch("/validate?" + query, { headers: { "Accept-Language": lang } });
      const body = await response.json().catch(() => null);
      // /validate says the model's problems with a 200; anything else (a request too large, a busy or
      // broken service) is no verdict on the answers, and its body, if any, is a list of errors.
      if (response.status === 200 && body && Array.isArray(body.problems)) result = body;
      else failure = errorWords(body) || t("service_status", { status: response.status });
    } catch (e) {
      failure = t("unreachable"); // the service is gone for now; the next change asks again
    }
    if (mine !== sequence) return; // an older answer arriving late
    if (failure === null) show(result, query);
    else fail(failure);
  }

  function errorWords(body) {
    if (!body || !Array.isArray(body.errors)) return "";
    return body.errors.map((error) => error && error.message).filter(Boolean).join(" ");
  }

  // No verdict on these answers: say why, and offer no download (its link would be for older answers).
  function fail(text) {
    shownQuery = null;
    const notice = $("service-error");
    notice.textContent = text;
    notice.hidden = false;
    $("invalid").hidden = true;
    setLink($("download-zip"), null);
    setLink($("download-tgz"), null);
    $("explore").disabled = true;
    $("command").textContent = "";
    $("answers-file").textContent = "";
  }

  // Whether the form holds other answers than those the links were made for (typed since, or not checked).
  function stale() {
    return given().toString() !== shownQuery;
  }

  // Check the form's answers now (not after the pause for typing); a check can change which fields
  // apply, and so the answers, hence the few rounds.
  async function settle() {
    for (let round = 0; round < 3 && stale(); round++) await check();
  }

  // A download is always of the answers in the form: typed a moment ago, they are checked first.
  async function download(event) {
    const anchor = event.currentTarget;
    if (!stale()) return; // the link is for these answers (or they are refused and there is none)
    event.preventDefault();
    await settle();
    if (!stale() && anchor.href) anchor.click();
  }

  function show(result, query) {
    const byField = {};
    for (const problem of result.problems) {
      if (problem.field) (byField[problem.field] = byField[problem.field] || []).push(problem.text);
    }
    for (const field of FIELDS) {
      const state = result.fields[field.name];
      const input = $("f-" + field.name);
      const wrap = $("w-" + field.name);
      if (field.type === "choice") fillChoices(input, state.choices);
      wrap.hidden = !state.applies;
      input.disabled = !state.applies;
      if (field.type !== "boolean" && field.type !== "choice") input.placeholder = String(state.default);
      else if (!touched.has(field.name)) {
        if (field.type === "boolean") input.checked = Boolean(state.default);
        else input.value = state.default;
      }
      const problems = byField[field.name] || [];
      $("e-" + field.name).textContent = problems.join(" ");
      if (problems.length) input.setAttribute("aria-invalid", "true");
      else input.removeAttribute("aria-invalid");
    }
    markConflicts();
    const notes = $("model-warnings");
    notes.textContent = "";
    for (const warning of result.warnings.concat(result.problems.filter((p) => !p.field))) {
      const item = document.createElement("li");
      item.textContent = t("warning") + ": " + warning.message;
      notes.appendChild(item);
    }
    $("service-error").hidden = true;
    $("service-error").textContent = "";
    $("invalid").hidden = result.valid;
    setLink($("download-zip"), result.valid ? "/starter.zip?" + query : null);
    setLink($("download-tgz"), result.valid ? "/starter.tgz?" + query : null);
    $("explore").disabled = !result.valid;
    $("command").textContent = result.valid ? result.command : "";
    $("answers-file").textContent = result.valid ? result.answers_file : "";
    const share = new URL(window.location.href);
    share.search = query;
    share.hash = "";
    $("share-link").value = share.toString();
    window.history.replaceState(null, "", share.toString());
    shownQuery = query;
    // A field that stopped applying (a server version once SQLite is chosen) leaves the answers.
    if (stale()) schedule();
  }

  // A choice the model refuses with the other answers as they stand (metadata "conflicts") is disabled,
  // with the model's reason as its title; the chosen one never is, so its inline error stays visible.
  // A default is not an answer: a field the user left alone whose default follows this one (Django's
  // follows Python) takes the default that goes with the option, as the CLI's prompt does.
  function answerWith(name, field, option) {
    const rule = BY_NAME[name].default_by;
    if (!touched.has(name) && rule && rule.field === field.name && option in rule.values) {
      return rule.values[option];
    }
    return $("f-" + name).value;
  }

  function markConflicts() {
    for (const field of FIELDS) {
      if (field.type !== "choice") continue;
      const select = $("f-" + field.name);
      for (const option of select.options) {
        const clash = META.conflicts.find(
          (conflict) =>
            conflict.answers[field.name] === option.value &&
            Object.entries(conflict.answers).every(
              ([name, value]) => name === field.name || answerWith(name, field, option.value) === value,
            ),
        );
        option.disabled = Boolean(clash) && option.value !== select.value;
        option.title = clash ? clash.text[lang] || clash.text.en : "";
      }
    }
  }

  function setLink(anchor, href) {
    if (href) {
      anchor.href = href;
      anchor.removeAttribute("aria-disabled");
    } else {
      anchor.removeAttribute("href");
      anchor.setAttribute("aria-disabled", "true");
      anchor.setAttribute("role", "link");
    }
  }

  // --- opening a share link -------------------------------------------------------------------

  function restore() {
    const warnings = [];
    const params = new URLSearchParams(window.location.search);
    for (const [parameter, value] of params) {
      const field = BY_PARAMETER[parameter];
      if (!field) {
        warnings.push(t("unknown_parameter", { parameter: parameter, value: value }));
        continue;
      }
      const input = $("f-" + field.name);
      const label = field.label[lang] || field.label.en;
      if (field.type === "boolean") {
        // The words the API takes for yes and no (metadata "yes_no"); any other is no answer.
        const yes = META.yes_no[value.trim().toLowerCase()];
        if (yes === undefined) {
          warnings.push(t("unknown_yes_no", { label: label, value: value }));
          continue;
        }
        input.checked = yes;
        touched.add(field.name);
        continue;
      }
      const offered = field.choices_by ? [].concat(...Object.values(field.choices_by.values)) : field.choices;
      if (field.type === "choice" && !offered.includes(value)) {
        warnings.push(t("unknown_choice", { label: label, value: value }));
        continue;
      }
      if (field.type === "choice" && !Array.from(input.options).some((o) => o.value === value)) {
        const option = document.createElement("option"); // offered for another choice: the model says which
        option.value = value;
        option.textContent = value;
        input.appendChild(option);
      }
      input.value = value;
      touched.add(field.name);
    }
    const list = $("link-warning-list");
    list.textContent = "";
    for (const warning of warnings) {
      const item = document.createElement("li");
      item.textContent = warning;
      list.appendChild(item);
    }
    $("link-warnings").hidden = warnings.length === 0;
  }

  // --- exploring --------------------------------------------------------------------------------

  async function explore() {
    await settle();
    if ($("explore").disabled) return;
    const response = await fetch("/preview?" + given().toString(), { headers: { "Accept-Language": lang } });
    if (!response.ok) return;
    const preview = await response.json();
    const list = $("file-list");
    list.textContent = "";
    for (const file of preview.files) {
      const item = document.createElement("li");
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = file.path;
      button.addEventListener("click", () => open(file, button));
      item.appendChild(button);
      list.appendChild(item);
    }
    $("explorer").hidden = false;
    const first = list.querySelector("button");
    if (first) first.focus();
  }

  function open(file, button) {
    for (const other of $("file-list").querySelectorAll("button")) other.removeAttribute("aria-current");
    button.setAttribute("aria-current", "true");
    const name = $("file-name");
    name.removeAttribute("data-t");
    name.textContent = file.path;
    $("file-text").textContent = file.text === null ? t("binary", { size: file.size }) : file.text;
  }

  // --- copying ------------------------------------------------------------------------------------

  async function copy(id) {
    const node = $(id);
    const text = node.value !== undefined ? node.value : node.textContent;
    try {
      await navigator.clipboard.writeText(text);
    } catch (e) {
      const range = document.createRange(); // no clipboard permission: select it for Ctrl+C
      range.selectNodeContents(node);
      window.getSelection().removeAllRanges();
      window.getSelection().addRange(range);
    }
    $("copy-status").textContent = t("copied");
  }

  // --- start ----------------------------------------------------------------------------------------

  buildForm();
  applyLanguage();
  restore();
  $("ui-lang").addEventListener("change", (event) => {
    lang = event.target.value;
    try { window.localStorage.setItem("newproj-lang", lang); } catch (e) { /* private mode: not kept */ }
    applyLanguage();
    check();
  });
  $("explore").addEventListener("click", explore);
  $("download-zip").addEventListener("click", download);
  $("download-tgz").addEventListener("click", download);
  for (const button of document.querySelectorAll("[data-copy]")) {
    button.addEventListener("click", () => copy(button.dataset.copy));
  }
  $("answers").addEventListener("submit", (event) => event.preventDefault());
  document.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      $("download-zip").click(); // checks the answers first if they changed since (see download)
    }
  });
  check();
})();
