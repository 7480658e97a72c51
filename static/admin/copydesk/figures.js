/* 稿件中的数字 on an activity's form (ActivityAdmin.Media in articles/admin.py; the markup
   is templates/admin/articles/activity/includes/figures.html).

   The server reads the figures (articles/copydesk/figures.py) and puts on each button the
   field it fills and the value. A click only fills the form; the editor checks and saves:

   - 慰问金, 惠及职工人数, 参与人数, 慰问基层工会数: the field's box gets the value;
   - 慰问品明细: the first row whose 数量 and 单位 are both empty gets the quantity and the
     unit, and 数量为约数 is ticked for 70余册 (unticked otherwise); without such a row
     one is added, as “添加另一个慰问品明细” does. The cursor is left in the row's 物品
     (or 数量) for the editor to go on.

   A line under the list says what was filled (a live region, for screen readers).
   Without this file the panel lists the figures and their sentences, nothing else. */
(function () {
  "use strict";

  var GIFT_PREFIX = "gift_lines";

  function ready(fn) {
    if (document.readyState !== "loading") fn();
    else document.addEventListener("DOMContentLoaded", fn);
  }

  function setValue(input, value) {
    input.value = value;
    input.dispatchEvent(new Event("input", { bubbles: true }));
    input.dispatchEvent(new Event("change", { bubbles: true }));
  }

  function rowInput(row, name) {
    return row.querySelector('[name$="-' + name + '"]');
  }

  function giftRows(group) {
    return Array.prototype.filter.call(group.querySelectorAll("tr.form-row"), function (row) {
      return !row.classList.contains("empty-form") && rowInput(row, "quantity");
    });
  }

  function emptyGiftRow(group) {
    var rows = giftRows(group);
    for (var i = 0; i < rows.length; i++) {
      var quantity = rowInput(rows[i], "quantity");
      var unit = rowInput(rows[i], "unit");
      var deleted = rowInput(rows[i], "DELETE");
      if (deleted && deleted.checked) continue;
      if (!quantity.value.trim() && (!unit || !unit.value.trim())) return rows[i];
    }
    return null;
  }

  function fillGiftLine(button) {
    var group = document.getElementById(GIFT_PREFIX + "-group");
    if (!group) return "本表没有“慰问品明细”，无法填入。";
    var row = emptyGiftRow(group);
    if (!row) {
      var add = group.querySelector(".add-row a");
      if (!add || add.offsetParent === null) return "“慰问品明细”已没有空行，也不能再添加。";
      add.click();
      row = emptyGiftRow(group);
      if (!row) return "“慰问品明细”已没有空行，也不能再添加。";
    }
    var quantity = rowInput(row, "quantity");
    var unit = rowInput(row, "unit");
    var minimum = rowInput(row, "quantity_is_minimum");
    var item = rowInput(row, "item");
    var isMinimum = button.dataset.figureMinimum === "true";
    setValue(quantity, button.dataset.figureValue);
    if (unit) setValue(unit, button.dataset.figureUnit);
    if (minimum) {
      minimum.checked = isMinimum;
      minimum.dispatchEvent(new Event("change", { bubbles: true }));
    }
    var focus = item && !item.value.trim() ? item : quantity;
    focus.focus();
    return "已在“慰问品明细”中填入：数量 " + button.dataset.figureValue +
      "，单位 " + button.dataset.figureUnit + (isMinimum ? "，数量为约数" : "") +
      (focus === item ? "。请填写物品名称，" : "。") + "核对后保存。";
  }

  function fillField(button) {
    var label = button.dataset.figureLabel;
    var input = document.getElementById("id_" + button.dataset.figureField);
    if (!input || input.disabled || input.readOnly) return "本表没有可填的“" + label + "”。";
    var before = input.value.trim();
    setValue(input, button.dataset.figureValue);
    input.focus();
    var was = before && before !== button.dataset.figureValue ? "（原为 " + before + "）" : "";
    return "已在“" + label + "”中填入 " + button.dataset.figureValue + was + "，核对后保存。";
  }

  ready(function () {
    var panel = document.querySelector("[data-story-figures]");
    if (!panel) return;
    var status = panel.querySelector("[data-figure-status]");
    panel.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-figure-field]");
      if (!button) return;
      event.preventDefault();
      var said = button.dataset.figureField === "gift_line" ? fillGiftLine(button) : fillField(button);
      if (status) status.textContent = said;
    });
  });
})();
