// The SDK example page: what a brand's own script does. The brand knows who is signed in (here a
// member id typed in) and passes it with its collector key; the SDK does the rest.
(function () {
  'use strict';
  var form = document.getElementById('example');
  var error = document.getElementById('ex-error');
  var list = document.getElementById('ex-choices');
  var params = new URLSearchParams(location.search);
  ['notice', 'version', 'purposes', 'lang'].forEach(function (name) {
    if (params.get(name)) form.elements[name].value = params.get(name);
  });

  function show(choices) {
    list.textContent = '';
    Object.keys(choices).sort().forEach(function (purpose) {
      var item = document.createElement('li');
      item.setAttribute('data-purpose', purpose);
      item.setAttribute('data-state', choices[purpose].state);
      item.textContent = purpose + ': ' + choices[purpose].state + ' (' + choices[purpose].noticeVersion + ')';
      if (choices[purpose].state === 'granted') {
        var withdraw = document.createElement('button');
        withdraw.type = 'button';
        withdraw.className = 'secondary';
        withdraw.textContent = '撤回 · Withdraw';
        withdraw.addEventListener('click', function () { OpenCPM.withdraw(purpose); });
        item.appendChild(document.createTextNode(' '));
        item.appendChild(withdraw);
      }
      list.appendChild(item);
    });
  }

  document.addEventListener('opencpm:change', function (e) { show(e.detail.choices); });

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    error.hidden = true;
    var f = form.elements;
    var purposes = f.purposes.value.split(',').map(function (s) { return s.trim(); }).filter(Boolean);
    OpenCPM.init({
      key: f.key.value.trim(),
      notice: { code: f.notice.value.trim(), version: f.version.value.trim() },
      purposes: purposes,
      subject: { identifiers: [{ type: 'member_id', value: f.member.value.trim() }] },
      lang: f.lang.value,
      force: true
    }).catch(function (e) {
      error.textContent = e.message;
      error.hidden = false;
    });
  });
}());
