// The aggregation of a survey's answer sets, as src/kinds/survey_results/aggregate.rs does it
// (tested on the same tests/data/survey-aggregate-vectors.json): per statement the answers per
// point, median, quartiles and spread; per construct and domain a barrier score (0-100, integer
// arithmetic, rounded half up); the ranked barriers; role groups of fewer than 3 not broken down;
// the change per construct between the baseline and the follow-up. No DOM: it also runs in Node.
(function () {
  'use strict';
  var MIN_GROUP = 3;
  var WIDE_SPREAD = 2;
  var BARRIER_FROM = 50;
  var WAVES = ['baseline', 'follow-up'];

  function score(sum, n, points) {
    if (n === 0 || points < 2) return null;
    var num = 100 * sum;
    var den = (points - 1) * n;
    return Math.floor((2 * num + den) / (2 * den));
  }

  function oriented(point, direction, points) {
    return direction === 'barrier' ? point - 1 : points - point;
  }

  function median(sorted) {
    var n = sorted.length;
    if (n === 0) return null;
    if (n % 2 === 1) return sorted[(n - 1) / 2];
    return (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  function quartiles(sorted) {
    var n = sorted.length;
    if (n === 0) return null;
    if (n === 1) return [sorted[0], sorted[0]];
    var half = Math.floor(n / 2);
    return [median(sorted.slice(0, half)), median(sorted.slice(n - half))];
  }

  function has(object, key) {
    return object != null && Object.prototype.hasOwnProperty.call(object, key);
  }

  function wave(survey, domains, sets) {
    var points = survey.points;
    var valid = function (set, id) {
      var p = has(set.answers, id) ? set.answers[id] : null;
      return Number.isInteger(p) && p >= 1 && p <= points ? p : null;
    };
    var roles = (survey.roles || []).map(function (r) { return { role: r.id, n: 0, shown: false }; });
    sets.forEach(function (set) {
      var role = set.role == null ? null : set.role;
      var found = roles.find(function (r) { return r.role === role; });
      if (found) found.n += 1;
      else roles.push({ role: role, n: 1, shown: false });
    });
    roles.forEach(function (r) { r.shown = r.role !== null && r.n >= MIN_GROUP; });
    roles = roles.filter(function (r) { return r.n > 0; });
    var shownRoles = roles.filter(function (r) { return r.shown; }).map(function (r) { return r.role; });

    var statements = survey.statements.map(function (s) {
      var given = [];
      sets.forEach(function (set) {
        var p = valid(set, s.id);
        if (p !== null) given.push(p);
      });
      given.sort(function (a, b) { return a - b; });
      var counts = [];
      for (var i = 0; i < points; i += 1) counts.push(0);
      var sum = 0;
      given.forEach(function (p) {
        counts[p - 1] += 1;
        sum += oriented(p, s.direction, points);
      });
      var q = quartiles(given);
      var iqr = q ? q[1] - q[0] : null;
      return {
        id: s.id,
        construct: s.construct,
        direction: s.direction,
        n: given.length,
        counts: counts,
        median: median(given),
        q1: q ? q[0] : null,
        q3: q ? q[1] : null,
        iqr: iqr,
        wide: iqr !== null && iqr >= WIDE_SPREAD,
        score: score(sum, given.length, points),
      };
    });

    var order = [];
    survey.statements.forEach(function (s) {
      if (order.indexOf(s.construct) < 0) order.push(s.construct);
    });
    var constructs = order.map(function (c) {
      var of = function (set) {
        var sum = 0;
        var n = 0;
        survey.statements.forEach(function (s) {
          if (s.construct !== c) return;
          var p = valid(set, s.id);
          if (p !== null) { sum += oriented(p, s.direction, points); n += 1; }
        });
        return [sum, n];
      };
      var total = [0, 0];
      sets.forEach(function (set) {
        var one = of(set);
        total[0] += one[0];
        total[1] += one[1];
      });
      var byRole = shownRoles.map(function (role) {
        var t = [0, 0];
        sets.forEach(function (set) {
          if (set.role !== role) return;
          var one = of(set);
          t[0] += one[0];
          t[1] += one[1];
        });
        return { role: role, score: score(t[0], t[1], points) };
      });
      return {
        id: c,
        domain: has(domains, c) ? domains[c] : null,
        n: total[1],
        score: score(total[0], total[1], points),
        wide: statements.some(function (s) { return s.construct === c && s.wide; }),
        roles: byRole,
      };
    });

    var domainOrder = [];
    constructs.forEach(function (c) {
      if (c.domain !== null && domainOrder.indexOf(c.domain) < 0) domainOrder.push(c.domain);
    });
    var domainResults = domainOrder.map(function (d) {
      var sum = 0;
      var n = 0;
      survey.statements.forEach(function (s) {
        if (!has(domains, s.construct) || domains[s.construct] !== d) return;
        sets.forEach(function (set) {
          var p = valid(set, s.id);
          if (p !== null) { sum += oriented(p, s.direction, points); n += 1; }
        });
      });
      return { id: d, n: n, score: score(sum, n, points) };
    });

    return { n: sets.length, roles: roles, statements: statements, constructs: constructs, domains: domainResults };
  }

  function aggregate(survey, domains, sets) {
    var respondents = {};
    var waves = {};
    WAVES.forEach(function (name) {
      var of = sets.filter(function (s) { return s.wave === name; });
      respondents[name] = of.length;
      if (of.length) waves[name] = wave(survey, domains, of);
    });
    var current = has(waves, 'follow-up') ? 'follow-up' : 'baseline';
    var ranked = [];
    if (has(waves, current)) {
      waves[current].constructs.forEach(function (c) {
        if (c.score !== null && c.score >= BARRIER_FROM) ranked.push({ construct: c.id, score: c.score, wide: c.wide });
      });
    }
    // Array.prototype.sort is stable: equal scores keep the survey's order.
    ranked.sort(function (a, b) { return b.score - a.score; });
    var change = [];
    if (has(waves, 'baseline') && has(waves, 'follow-up')) {
      change = waves.baseline.constructs.map(function (c) {
        var later = waves['follow-up'].constructs.find(function (a) { return a.id === c.id; });
        var after = later ? later.score : null;
        return {
          construct: c.id,
          baseline: c.score,
          'follow-up': after,
          change: c.score !== null && after !== null ? after - c.score : null,
        };
      });
    }
    return { respondents: respondents, current: current, waves: waves, ranked: ranked, change: change };
  }

  globalThis.toolkitSurveyAggregate = {
    aggregate: aggregate,
    MIN_GROUP: MIN_GROUP,
    WIDE_SPREAD: WIDE_SPREAD,
    BARRIER_FROM: BARRIER_FROM,
  };
})();
