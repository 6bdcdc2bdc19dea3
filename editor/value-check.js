// Static values a person types (a Sid chain, a parameter, a filter value) checked by the
// runtime's own parsers through the admin route: a value the node would refuse gets a red
// border and the reason in its tooltip, as core nodes show a failed validate.
const timers = new WeakMap();

/** The typedInput's type and value, or null once the dialog closed and the widget went. */
function current(input) {
  try {
    return { type: input.typedInput('type'), value: String(input.typedInput('value') || '') };
  } catch (e) {
    return null;
  }
}

/** Marks `container` (a typedInput's container) for `input`'s current static value. */
export function checkValue(input, container, ask) {
  clearTimeout(timers.get(input[0]));
  var q = ask();
  var now = current(input);
  if (!now) return;
  var value = now.type === 'str' ? now.value : '';
  if (!q || value === '') return mark(container, null);
  timers.set(input[0], setTimeout(function () {
    $.getJSON('twilio/objects/' + encodeURIComponent(q.object) + '/check', $.extend({ action: q.action, value: value }, q.check))
      .done(function (r) {
        // only the answer for the value still there counts
        var then = current(input);
        if (!then || then.type !== 'str' || then.value !== value) return;
        mark(container, r.ok ? null : r.reason);
      });
  }, 150));
}

function mark(container, reason) {
  container.toggleClass('input-error', !!reason).toggleClass('twilio-value-checked', true);
  if (reason) container.attr('title', reason);
  else container.removeAttr('title');
}

/** Re-checks on every change of the typedInput. */
export function watchValue(input, ask) {
  var container = input.next('.red-ui-typedInput-container');
  var run = function () { checkValue(input, container, ask); };
  input.on('change', run);
  container.on('input', 'input.red-ui-typedInput-input', run);
  run();
  return run;
}
