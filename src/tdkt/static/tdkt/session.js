// Sessions that never lose work (tdkt.accounts.idle; loaded by base.html for signed-in users).
//
// 1. Idle expiry: the page asks the server how long its session has left (data-session-url, a question that
//    is not counted as activity), asks again just before warning (another tab may have worked meanwhile), and
//    shows a dialog (role="alertdialog", focus moved into it) a few minutes before the end, whose button
//    renews the session with a CSRF-protected POST. Once the session has ended the dialog says so and offers
//    the sign-in page, which brings the user back here.
// 2. Drafts: a long form (<form data-draft>) keeps what is typed in sessionStorage under a key of the user's,
//    restored on return with a notice and a "discard" button. Never kept: passwords, codes, hidden and file
//    fields, and personal data (national ID, birth date, phone, e-mail, address, or anything inside
//    [data-personal]). A draft is dropped after a submit that succeeded (the next page is another one, or the
//    same one without errors) and at sign-out.
(function () {
  "use strict";
  var script = document.currentScript;
  var statusUrl = script && script.dataset.sessionUrl;
  if (!statusUrl || !window.fetch) return;
  var PREFIX = "tdkt-draft:";
  var PERSONAL_NAME = /(national|citizen|identity|cccd|cmnd|passport|birth|(^|_)dob($|_)|phone|mobile|(^|_)tel($|_)|e_?mail|address|password|totp|(^|_)otp($|_)|^code$|token)/i;
  var PERSONAL_AUTOCOMPLETE = /(bday|tel|email|address|street|postal|one-time-code|password)/i;
  var SKIPPED_TYPES = ["password", "hidden", "file", "submit", "button", "reset", "image", "email", "tel"];
  var state = {status: null, timer: null, dialog: null, returnFocus: null};

  function ask() {
    return fetch(statusUrl, {credentials: "same-origin", headers: {"Accept": "application/json"}})
      .then(function (response) { return response.ok ? response.json() : {signed_in: false}; })
      .catch(function () { return null; });  // the network failed: say nothing rather than something wrong
  }

  // --- idle expiry ------------------------------------------------------------------------------------------

  function schedule(status) {
    clearTimeout(state.timer);
    if (!status) return;
    if (!status.signed_in) { showExpired(); return; }
    var untilWarning = status.expires_in - status.warn_before;
    if (untilWarning > 0) {
      state.timer = setTimeout(check, untilWarning * 1000);
    } else {
      showWarning(status.expires_in);
      state.timer = setTimeout(check, Math.max(status.expires_in, 1) * 1000);
    }
  }

  function check() {
    ask().then(function (status) {
      if (status && status.signed_in && status.expires_in > status.warn_before) hideDialog();
      schedule(status);
    });
  }

  function dialog() {
    if (state.dialog) return state.dialog;
    var texts = state.status.texts;
    var box = document.createElement("dialog");
    box.id = "session-dialog";
    box.className = "session-dialog";
    box.setAttribute("role", "alertdialog");
    box.setAttribute("aria-modal", "true");
    box.setAttribute("aria-labelledby", "session-dialog-text");
    var text = document.createElement("p");
    text.id = "session-dialog-text";
    var renew = document.createElement("button");
    renew.type = "button";
    renew.className = "primary";
    renew.id = "session-continue";
    renew.textContent = texts["continue"];
    renew.addEventListener("click", continueWorking);
    var signIn = document.createElement("a");
    signIn.className = "button primary";
    signIn.id = "session-sign-in";
    signIn.textContent = texts.sign_in;
    box.append(text, renew, signIn);
    box.addEventListener("cancel", function (event) { event.preventDefault(); });  // Esc must not hide it
    document.body.append(box);
    state.dialog = box;
    return box;
  }

  function open(box, focus) {
    if (!box.open) {
      state.returnFocus = document.activeElement;
      if (box.showModal) box.showModal(); else box.setAttribute("open", "");
    }
    focus.focus();
  }

  function showWarning(secondsLeft) {
    var box = dialog();
    var minutes = Math.max(1, Math.round(secondsLeft / 60));
    box.querySelector("p").textContent = state.status.texts.warning.replace("{minutes}", minutes);
    box.querySelector("#session-continue").hidden = false;
    box.querySelector("#session-sign-in").hidden = true;
    open(box, box.querySelector("#session-continue"));
  }

  function showExpired() {
    if (!state.status) return;
    var box = dialog();
    box.querySelector("p").textContent = state.status.texts.expired;
    box.querySelector("#session-continue").hidden = true;
    var link = box.querySelector("#session-sign-in");
    link.href = state.status.sign_in_url + "?next=" + encodeURIComponent(location.pathname + location.search);
    link.hidden = false;
    open(box, link);
  }

  function hideDialog() {
    var box = state.dialog;
    if (!box || !box.open) return;
    if (box.close) box.close(); else box.removeAttribute("open");
    if (state.returnFocus && state.returnFocus.focus) state.returnFocus.focus();
  }

  function csrfToken() {
    var field = document.querySelector("input[name=csrfmiddlewaretoken]");
    if (field) return field.value;
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  function continueWorking() {
    fetch(state.status.renew_url, {method: "POST", credentials: "same-origin",
                                   headers: {"X-CSRFToken": csrfToken(), "Accept": "application/json"}})
      .then(function (response) {
        var json = (response.headers.get("Content-Type") || "").indexOf("application/json") === 0;
        return response.ok && json ? response.json() : {signed_in: false};
      })
      .then(function (status) {
        if (status.signed_in) hideDialog();
        schedule(status);
      });
  }

  // --- drafts -----------------------------------------------------------------------------------------------

  function personal(field) {
    if (field.closest("[data-personal]")) return true;
    if (SKIPPED_TYPES.indexOf((field.type || "").toLowerCase()) >= 0) return true;
    if (PERSONAL_NAME.test(field.name || "")) return true;
    return PERSONAL_AUTOCOMPLETE.test(field.getAttribute("autocomplete") || "");
  }

  function fields(form) {
    return Array.prototype.filter.call(form.elements, function (field) {
      return field.name && !field.disabled && !personal(field);
    });
  }

  function read(form) {
    var values = {};
    fields(form).forEach(function (field) {
      var list = values[field.name] || (values[field.name] = []);
      if (field.type === "checkbox" || field.type === "radio") {
        if (field.checked) list.push(field.value);
      } else if (field.multiple && field.options) {
        Array.prototype.forEach.call(field.selectedOptions, function (option) { list.push(option.value); });
      } else {
        list.push(field.value);
      }
    });
    return values;
  }

  function write(form, values) {
    var used = {};
    fields(form).forEach(function (field) {
      var list = values[field.name];
      if (!list) return;
      if (field.type === "checkbox" || field.type === "radio") {
        field.checked = list.indexOf(field.value) >= 0;
      } else if (field.multiple && field.options) {
        Array.prototype.forEach.call(field.options, function (option) { option.selected = list.indexOf(option.value) >= 0; });
      } else {
        var n = used[field.name] || 0;
        if (n < list.length) field.value = list[n];
        used[field.name] = n + 1;
      }
    });
  }

  function same(a, b) { return JSON.stringify(a) === JSON.stringify(b); }

  function keyOf(form, index) {
    return PREFIX + state.status.draft_key + ":" + location.pathname + "#" + (form.id || index);
  }

  function load(key) {
    try { return JSON.parse(sessionStorage.getItem(key)); } catch (e) { return null; }
  }

  function store(key, draft) {
    try { sessionStorage.setItem(key, JSON.stringify(draft)); } catch (e) { /* storage full or refused */ }
  }

  function ownKeys() {
    var mine = PREFIX + state.status.draft_key + ":";
    var keys = [];
    for (var i = 0; i < sessionStorage.length; i++) {
      var key = sessionStorage.key(i);
      if (key && key.indexOf(mine) === 0) keys.push(key);
    }
    return keys;
  }

  function forgetAll() {
    var keys = [];
    for (var i = 0; i < sessionStorage.length; i++) {
      var key = sessionStorage.key(i);
      if (key && key.indexOf(PREFIX) === 0) keys.push(key);
    }
    keys.forEach(function (key) { sessionStorage.removeItem(key); });
  }

  function fromSignIn() {
    try { return new URL(document.referrer).pathname.indexOf(state.status.sign_in_url) === 0; } catch (e) { return false; }
  }

  // A draft sent with its form: the page after a successful submit is another page, or this page without
  // errors; a page with errors shows what was sent (the draft is kept, in case); after signing in again the
  // draft is what the user had typed.
  function settleSubmitted() {
    if (fromSignIn()) return;
    var errors = document.querySelector(".errorlist, .errors, [aria-invalid=true]");
    ownKeys().forEach(function (key) {
      var draft = load(key);
      if (!draft || !draft.submitted) return;
      if (draft.path === location.pathname && errors) {
        draft.submitted = false;
        store(key, draft);
      } else {
        sessionStorage.removeItem(key);
      }
    });
  }

  function notice(form, key) {
    var texts = state.status.texts;
    var box = document.createElement("div");
    box.className = "draft-notice";
    box.setAttribute("role", "status");
    var text = document.createElement("p");
    text.textContent = texts.draft_restored;
    var discard = document.createElement("button");
    discard.type = "button";
    discard.className = "draft-discard";
    discard.textContent = texts.discard_draft;
    discard.addEventListener("click", function () {
      sessionStorage.removeItem(key);
      form.reset();
      box.remove();
      var first = fields(form)[0];
      if (first) first.focus();
    });
    box.append(text, discard);
    form.parentNode.insertBefore(box, form);
  }

  function keepDrafts() {
    settleSubmitted();
    document.querySelectorAll("form[data-draft]").forEach(function (form, index) {
      var key = keyOf(form, index);
      var draft = load(key);
      if (draft && (!draft.submitted || fromSignIn()) && !same(draft.values, read(form))) {
        write(form, draft.values);
        store(key, {path: location.pathname, values: draft.values, submitted: false});
        notice(form, key);
      }
      var save = function () { store(key, {path: location.pathname, values: read(form), submitted: false}); };
      form.addEventListener("input", save);
      form.addEventListener("change", save);
      form.addEventListener("submit", function () {
        store(key, {path: location.pathname, values: read(form), submitted: true});
      });
      form.setAttribute("data-draft-ready", "");  // what is typed from now on is kept
    });
    document.addEventListener("submit", function (event) {
      var action = event.target.getAttribute("action") || "";
      if (action === state.status.sign_out_url) forgetAll();
    });
  }

  ask().then(function (status) {
    if (!status || !status.signed_in) return;
    state.status = status;
    keepDrafts();
    schedule(status);
  });
})();
