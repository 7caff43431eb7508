// Drag and drop in the calendar's month and week view: dropping a planned post on another
// day sends the same form as the post's "move" page (same time, new date). Without
// JavaScript, or with the keyboard, the post's page offers that form directly.
const table = document.querySelector("table.cal[data-move-base]");
const csrf = document.querySelector("#cal-csrf input[name=csrf]");
if (table && csrf) {
  let dragged = null;
  table.addEventListener("dragstart", (e) => {
    const item = e.target.closest("[data-post]");
    if (!item) return;
    dragged = item;
    item.classList.add("dragging");
    e.dataTransfer.effectAllowed = "move";
    e.dataTransfer.setData("text/plain", item.dataset.post);
  });
  table.addEventListener("dragend", () => {
    if (dragged) dragged.classList.remove("dragging");
    dragged = null;
    table.querySelectorAll(".drop-target").forEach((c) => c.classList.remove("drop-target"));
  });
  table.addEventListener("dragover", (e) => {
    const cell = e.target.closest("td[data-date]");
    if (!cell || !dragged) return;
    e.preventDefault();
    cell.classList.add("drop-target");
  });
  table.addEventListener("dragleave", (e) => {
    const cell = e.target.closest("td[data-date]");
    if (cell) cell.classList.remove("drop-target");
  });
  table.addEventListener("drop", async (e) => {
    const cell = e.target.closest("td[data-date]");
    if (!cell || !dragged) return;
    e.preventDefault();
    const id = dragged.dataset.post;
    const body = new URLSearchParams({
      csrf: csrf.value,
      date: cell.dataset.date,
      time: dragged.dataset.time,
    });
    const url = `${table.dataset.moveBase}${id}/move`;
    const res = await fetch(url, { method: "POST", body, credentials: "same-origin" });
    if (res.ok && res.redirected) {
      // The post's page shows the hints for its new time.
      window.location.assign(res.url);
    } else {
      window.alert(table.dataset.error);
      window.location.assign(`${table.dataset.moveBase}${id}`);
    }
  });
}
