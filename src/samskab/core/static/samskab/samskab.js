// Behaviour lives here, never inline: the Content-Security-Policy forbids inline script.
(function () {
  "use strict";

  function each(selector, action) {
    Array.prototype.forEach.call(document.querySelectorAll(selector), action);
  }

  // The design system's texts in the page's language (base.html writes them as JSON).
  function texts() {
    var element = document.getElementById("dkfds-texts");
    try {
      return element ? JSON.parse(element.textContent) : {};
    } catch (error) {
      return {};
    }
  }

  // The components DKFDS.init() would set up, initialised one by one as the design system
  // documents, so that the date picker and the character counters speak the page's language.
  function initDesignSystem(DKFDS, t) {
    each(".accordion, .accordion-bordered", function (el) { new DKFDS.Accordion(el).init(); });
    each(".alert.has-close", function (el) { new DKFDS.Alert(el).init(); });
    each(".form-limit", function (el) { new DKFDS.CharacterLimit(el, t.character_limit).init(); });
    each(".js-dropdown", function (el) { new DKFDS.Dropdown(el).init(); });
    if (t.date_picker) {
      DKFDS.datePicker.setLanguage(t.date_picker);
    }
    DKFDS.datePicker.on(document.body);
    new DKFDS.ErrorSummary(document.querySelector('[data-module="error-summary"]')).init();
    each(".fds-modal", function (el) { new DKFDS.Modal(el).init(); });
    new DKFDS.Navigation().init();
    each(".js-menudropdown", function (el) { new DKFDS.MenuDropdown(el).init(); });
    each("table.table--responsive-headers, table.table-md-responsive-headers", function (el) {
      new DKFDS.ResponsiveTable(el);
    });
    each(".tooltip-wrapper", function (el) { new DKFDS.Tooltip(el).init(); });
    // The header's "More" menu (items that do not fit) is labelled in Danish by the library.
    if (t.more) {
      each(".navigation-menu .more-button span", function (el) { el.textContent = t.more; });
    }
  }

  // A date typed in a form the date picker cannot read (e.g. "31.02.2026") would be sent as
  // an empty field; send what was typed, so the server says what is wrong and nothing typed
  // is lost.
  function keepTypedDates() {
    each("form", function (form) {
      form.addEventListener("submit", function () {
        Array.prototype.forEach.call(form.querySelectorAll(".date-picker"), function (picker) {
          var internal = picker.querySelector(".date-picker__internal-input");
          var external = picker.querySelector(".date-picker__external-input");
          if (internal && external && external.value && !internal.value) {
            internal.value = external.value;
          }
        });
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (window.DKFDS) {
      initDesignSystem(window.DKFDS, texts());
    }
    keepTypedDates();
  });
})();

// When htmx swaps new content in (the d'Hondt calculator's result), move the focus to the
// element the new content marks, so keyboard and screen reader users land on the result or on
// the errors instead of on a form that was replaced under them.
document.addEventListener("htmx:afterSettle", function () {
  var focus = document.querySelector("[data-focus-on-swap]");
  if (focus) {
    focus.focus();
  }
});
