/* A photo report's gallery (templates/photos/story_photos.html): without this file a
   plain list of photos with their captions; with it a row that swipes, with 上一张 /
   下一张 buttons, arrow keys on the focused row, and the position read out politely. */
(function () {
  "use strict";

  function setUp(gallery) {
    var list = gallery.querySelector(".gallery__list");
    var items = Array.prototype.slice.call(list.children);
    if (items.length < 2) return;
    gallery.classList.add("gallery--swipe");
    list.tabIndex = 0;
    list.setAttribute("aria-label", gallery.getAttribute("aria-label") + "，左右滑动或用方向键切换");

    var controls = document.createElement("div");
    controls.className = "gallery__controls";
    var previous = button("上一张");
    var next = button("下一张");
    var status = document.createElement("p");
    status.className = "gallery__status";
    status.setAttribute("aria-live", "polite");
    controls.append(previous, status, next);
    gallery.appendChild(controls);

    function button(text) {
      var element = document.createElement("button");
      element.type = "button";
      element.textContent = text;
      return element;
    }

    function step() {
      return items[1].offsetLeft - items[0].offsetLeft || list.clientWidth;
    }

    function current() {
      return Math.max(0, Math.min(items.length - 1, Math.round(list.scrollLeft / step())));
    }

    // Where a button or key last sent the row: a second tap while the row is still
    // gliding goes on from there, not from wherever the glide has got to.
    var target = null;

    function position() {
      return target === null ? current() : target;
    }

    function show(index) {
      target = Math.max(0, Math.min(items.length - 1, index));
      list.scrollTo({ left: target * step() });
    }

    function update() {
      target = null;
      var index = current();
      status.textContent = "第 " + (index + 1) + " 张，共 " + items.length + " 张";
      previous.disabled = index === 0;
      next.disabled = index === items.length - 1;
    }

    previous.addEventListener("click", function () { show(position() - 1); });
    next.addEventListener("click", function () { show(position() + 1); });
    list.addEventListener("keydown", function (event) {
      var index = { ArrowLeft: position() - 1, ArrowRight: position() + 1, Home: 0, End: items.length - 1 }[event.key];
      if (index === undefined) return;
      event.preventDefault();
      show(index);
    });
    var pending = null;
    list.addEventListener("scroll", function () {
      clearTimeout(pending);
      pending = setTimeout(update, 80);
    }, { passive: true });
    update();
  }

  function start() {
    document.querySelectorAll("[data-gallery]").forEach(setUp);
  }

  if (document.readyState !== "loading") start();
  else document.addEventListener("DOMContentLoaded", start);
})();
