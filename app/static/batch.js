// Batch upload on the add page: send a JSON Lines file to POST /articles/batch, then poll
// GET /jobs/{id} until no article is pending or running. Plain JavaScript, same origin only.
"use strict";
(function () {
  const form = document.getElementById("batch");
  if (!form) return;
  const box = document.getElementById("job");
  const bar = document.getElementById("job-progress");
  const status = document.getElementById("job-status");
  const errors = document.getElementById("job-articles");

  function headers() {
    const h = { "Content-Type": "application/x-ndjson" };
    const key = form.elements.api_key;
    if (key && key.value) h.Authorization = "Bearer " + key.value;
    return h;
  }

  function show(job) {
    bar.max = job.total;
    bar.value = job.done + job.failed;
    status.textContent = (job.finished ? "انتهت الدفعة" : "جارٍ التحليل") +
      ` — ${job.done} / ${job.total} تمّ، ${job.failed} تعذّر (job ${job.id})`;
    status.dataset.finished = job.finished ? "true" : "false";
    errors.replaceChildren(...job.errors.map((e) => {
      const li = document.createElement("li");
      li.textContent = `#${e.index}: ${e.error}`;
      return li;
    }));
  }

  async function problem(response) {
    try { return (await response.json()).detail || response.statusText; } catch (_) { return response.statusText; }
  }

  async function poll(location) {
    const response = await fetch(location, { headers: headers() });
    if (!response.ok) { status.textContent = "تعذّر: " + await problem(response); return; }
    const job = await response.json();
    show(job);
    if (!job.finished) setTimeout(() => poll(location), 1000);
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const file = form.elements.file.files[0];
    if (!file) return;
    box.hidden = false;
    status.textContent = "جارٍ الإرسال…";
    const response = await fetch("/articles/batch", { method: "POST", headers: headers(), body: await file.text() });
    if (!response.ok) { status.textContent = "تعذّر: " + await problem(response); return; }
    const job = await response.json();
    show(job);
    poll(response.headers.get("Location") || `/jobs/${job.id}`);
  });
})();
