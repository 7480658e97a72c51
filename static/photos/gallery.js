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

    function show(index) {
      index = Math.max(0, Math.min(items.length - 1, index));
      list.scrollTo({ left: index * step() });
    }

    function update() {
      var index = current();
      status.textContent = "第 " + (index + 1) + " 张，共 " + items.length + " 张";
      previous.disabled = index === 0;
      next.disabled = index === items.length - 1;
    }

    previous.addEventListener("click", function () { show(current() - 1); });
    next.addEventListener("click", function () { show(current() + 1); });
    list.addEventListener("keydown", function (event) {
      var target = { ArrowLeft: current() - 1, ArrowRight: current() + 1, Home: 0, End: items.length - 1 }[event.key];
      if (target === undefined) return;
      event.preventDefault();
      show(target);
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
