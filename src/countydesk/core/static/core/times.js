/* The duty desk's live countdown, worded as core/ui/times.py words it: the page hands over the same patterns
   (times.duration_words(), as JSON in <script id="duration-words">). */
(function () {
  "use strict";
  var MINUTE = 60, HOUR = 3600, DAY = 86400;
  function fill(pattern, parts) {
    return pattern.replace(/%\((\w+)\)[ds]/g, function (_, name) { return String(parts[name]); });
  }
  function duration(words, seconds) {
    seconds = Math.floor(Math.abs(seconds));
    var parts = {days: Math.floor(seconds / DAY), hours: Math.floor(seconds % DAY / HOUR),
                 minutes: Math.floor(seconds % HOUR / MINUTE)};
    if (parts.days) { return fill(parts.hours ? words.days_hours : words.days, parts); }
    if (parts.hours) { return fill(parts.minutes ? words.hours_minutes : words.hours, parts); }
    return parts.minutes ? fill(words.minutes, parts) : words.under_a_minute;
  }
  function countdown(words, due, now) {
    var left = (due - now) / 1000, state = left > 0 ? "left" : "overdue";
    return {text: fill(words[state], {duration: duration(words, left)}), state: state, seconds: left};
  }
  window.CountyDeskTimes = {duration: duration, countdown: countdown};
})();
