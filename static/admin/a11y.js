// The admin's autocomplete boxes (select2) carry no accessible name of their own: a screen
// reader announces "combobox" and nothing else (axe-core: aria-input-field-name, label).
// Each box and its search field are named after the label of the <select> they stand for,
// or the select's own aria-label (an inline's column), on load and for every inline row
// added later.
(function () {
  "use strict";

  function nameOf(select) {
    if (select.getAttribute("aria-label")) return select.getAttribute("aria-label");
    var label = select.id && document.querySelector('label[for="' + select.id + '"]');
    return label ? label.textContent.replace(/[:：]\s*$/, "").trim() : "";
  }

  function nameBoxes(root) {
    root.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
      var box = select.nextElementSibling;
      var name = nameOf(select);
      if (!name || !box || !box.classList.contains("select2")) return;
      box.querySelectorAll('[role="combobox"], .select2-selection__rendered').forEach(function (el) {
        el.setAttribute("aria-label", name);
        el.removeAttribute("aria-labelledby");
      });
      box.querySelectorAll("input.select2-search__field").forEach(function (input) {
        input.setAttribute("aria-label", name);
      });
    });
  }

  // Django's autocomplete makes the boxes in a jQuery ready handler; one registered after
  // it (this script is deferred, the form's scripts are not) runs after it.
  if (window.django && window.django.jQuery) {
    window.django.jQuery(function () { nameBoxes(document); });
  } else {
    document.addEventListener("DOMContentLoaded", function () { nameBoxes(document); });
  }
  document.addEventListener("formset:added", function (event) {
    // Django's autocomplete turns the new row's selects into boxes in the same event.
    window.setTimeout(function () { nameBoxes(event.target || document); }, 0);
  });
  // A multiple box re-renders its search field after each choice.
  document.addEventListener("change", function (event) {
    if (event.target.classList && event.target.classList.contains("admin-autocomplete")) {
      window.setTimeout(function () { nameBoxes(event.target.parentNode); }, 0);
    }
  });
})();
