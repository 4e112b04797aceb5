// The simulators' page: polls /api/calls and shows each call the simulated platforms received.
// Text is set with textContent only; zh-CN by default, English for ?lang=en or an English browser.
(function () {
  'use strict';
  var TEXT = {
    'zh-CN': {
      title: 'OpenCPM 演示：模拟平台',
      intro: '这些是微信、抖音（巨量引擎）和阿里云短信的本地模拟器。OpenCPM 的插件像调用真实平台一样调用它们（令牌、签名、字段都会被检查）；每次调用都会出现在下面。',
      linkPreference: '李雷的偏好中心', linkConsole: '管理控制台', linkSdk: 'SDK 示例页',
      people: '示例用户（平台只看到化名）', person: '用户', openid: '微信 openid', hash: '手机号 SHA-256（抖音）',
      phone: '手机号（短信）', inTag: '在微信营销标签中', inAudience: '在抖音人群中', reply: '短信回复',
      replyButton: '回复“退订”', replyLabel: '{name}回复“退订”', replied: '已回复', replyFailed: '回复未被记录',
      campaign: '向所有人发送营销短信', calls: '平台收到的调用（最新在上）', time: '时间', platform: '平台',
      what: '发生了什么', who: '涉及的用户', result: '结果', yes: '是', no: '否', none: '—',
      sent: '已发出 {n} 条；其余被 OpenCPM 拦下（见下表）', failed: '发送失败',
      accepted: '已接受', refused: '拒绝：{code}', held: '未发出：{code}',
      platforms: { wechat: '微信公众号', douyin: '抖音（巨量引擎 DMP）', sms: '阿里云短信' },
      kinds: {
        'token': '换取 access_token', 'tag.create': '创建标签 {tag}', 'tags.get': '查询标签列表',
        'tag.add': '加入标签 {tag}：会收到营销消息', 'tag.remove': '移出标签 {tag}：不再收到营销消息',
        'dmp.upload': '上传人群文件（{ids} 个手机号哈希）', 'dmp.add': '加入广告人群（数据源 {dataSource}）',
        'dmp.delete': '移出广告人群（数据源 {dataSource}）：不再被定向投放', 'dmp.reset': '重置广告人群',
        'dmp.update': '更新数据源', 'audience.publish': '发布人群包', 'token.refresh': '刷新 access_token',
        'sms.send': '发送短信（模板 {template}）', 'campaign.held': 'OpenCPM 没有发出这条营销短信（短信平台收不到）',
        'campaign.failed': '营销短信发送失败', 'unknown': '未知接口 {path}',
        'smsup.push': '用户回复短信“{content}”，阿里云推送给 OpenCPM：撤回营销短信同意'
      },
      reasons: { withdrawn: '已撤回同意', no_consent: '没有同意', expired: '同意已过期', channel_disabled: '已关闭短信渠道',
        frequency_cap: '超过频次上限', quiet_hours: '免打扰时段', unknown_subject: '未知用户' }
    },
    en: {
      title: 'OpenCPM demo: simulated platforms',
      intro: 'Local simulators of WeChat, Douyin (Ocean Engine) and Alibaba Cloud SMS. The OpenCPM plugins call them as they would call the real platforms (tokens, signatures and fields are checked); every call shows below.',
      linkPreference: "Li Lei's preference centre", linkConsole: 'Admin console', linkSdk: 'SDK example page',
      people: 'Sample people (platforms see pseudonyms only)', person: 'Person', openid: 'WeChat openid', hash: 'Phone SHA-256 (Douyin)',
      phone: 'Phone (SMS)', inTag: 'In the WeChat marketing tag', inAudience: 'In the Douyin audience', reply: 'SMS reply',
      replyButton: 'Reply “退订” (unsubscribe)', replyLabel: '{name} replies “退订”', replied: 'replied', replyFailed: 'the reply was not recorded',
      campaign: 'Send a marketing SMS to everyone', calls: 'Calls the platforms received (newest first)', time: 'Time', platform: 'Platform',
      what: 'What happened', who: 'Who', result: 'Result', yes: 'yes', no: 'no', none: '—',
      sent: '{n} sent; OpenCPM held back the others (see below)', failed: 'sending failed',
      accepted: 'accepted', refused: 'refused: {code}', held: 'not sent: {code}',
      platforms: { wechat: 'WeChat Official Account', douyin: 'Douyin (Ocean Engine DMP)', sms: 'Alibaba Cloud SMS' },
      kinds: {
        'token': 'access token issued', 'tag.create': 'tag {tag} created', 'tags.get': 'tags listed',
        'tag.add': 'added to tag {tag}: gets marketing messages', 'tag.remove': 'removed from tag {tag}: no more marketing messages',
        'dmp.upload': 'audience file uploaded (phone hashes: {ids})', 'dmp.add': 'added to the ads audience (data source {dataSource})',
        'dmp.delete': 'removed from the ads audience (data source {dataSource}): no longer targeted', 'dmp.reset': 'ads audience reset',
        'dmp.update': 'data source update', 'audience.publish': 'audience published', 'token.refresh': 'access token refreshed',
        'sms.send': 'SMS sent (template {template})', 'campaign.held': 'OpenCPM did not send this marketing SMS (it never reaches the SMS platform)',
        'campaign.failed': 'marketing SMS failed', 'unknown': 'unknown API {path}',
        'smsup.push': 'replied “{content}” to an SMS; Alibaba Cloud pushed it to OpenCPM: marketing SMS withdrawn'
      },
      reasons: { withdrawn: 'consent withdrawn', no_consent: 'no consent', expired: 'consent expired', channel_disabled: 'SMS channel off',
        frequency_cap: 'frequency cap reached', quiet_hours: 'quiet hours', unknown_subject: 'unknown person' }
    }
  };
  var params = new URLSearchParams(window.location.search);
  // ?lang= decides; otherwise the browser's first language (English when it is English, Chinese otherwise).
  var asked = params.get('lang') || ((navigator.languages && navigator.languages[0]) || navigator.language || '');
  var lang = /^en\b/i.test(asked) ? 'en' : 'zh-CN';
  var t = TEXT[lang];
  var after = 0;
  var people = [];
  var byPseudonym = {};

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, name) { return values && values[name] !== undefined ? values[name] : ''; });
  }

  function cell(row, text, className) {
    var td = document.createElement('td');
    td.textContent = text;
    if (className) { td.className = className; }
    row.appendChild(td);
    return td;
  }

  function translate() {
    document.documentElement.lang = lang;
    document.querySelectorAll('[data-i18n]').forEach(function (element) {
      var key = element.getAttribute('data-i18n');
      if (typeof t[key] === 'string') { element.textContent = t[key]; }
    });
    var keep = lang === 'en' ? '?lang=en' : '';
    return keep;
  }

  function nameOf(pseudonym) {
    var person = byPseudonym[pseudonym];
    if (!person) { return pseudonym.length > 20 ? pseudonym.slice(0, 12) + '…' : pseudonym; }
    var name = lang === 'en' ? person.nameEn : person.nameZh;
    var shown = pseudonym.length > 20 ? pseudonym.slice(0, 12) + '…' : pseudonym;
    return name + ' (' + shown + ')';
  }

  function showPeople(data) {
    people = data.people;
    byPseudonym = {};
    people.forEach(function (p) { byPseudonym[p.openid] = p; byPseudonym[p.phoneHash] = p; byPseudonym[p.phone] = p; });
    var tagged = {};
    Object.keys(data.wechatTags).forEach(function (tag) { data.wechatTags[tag].forEach(function (o) { tagged[o] = true; }); });
    var audience = {};
    data.douyinAudience.forEach(function (h) { audience[h] = true; });
    var body = document.querySelector('#people tbody');
    people.forEach(function (p) {
      var row = body.querySelector('tr[data-person="' + p.key + '"]');
      if (!row) {
        row = document.createElement('tr');
        row.setAttribute('data-person', p.key);
        cell(row, lang === 'en' ? p.nameEn : p.nameZh);
        cell(row, p.openid, 'mono');
        cell(row, p.phoneHash.slice(0, 16) + '…', 'mono');
        cell(row, p.phone, 'mono');
        cell(row, '').setAttribute('data-state', 'tag');
        cell(row, '').setAttribute('data-state', 'audience');
        var replyCell = cell(row, '');
        var button = document.createElement('button');
        button.type = 'button';
        button.className = 'secondary';
        button.textContent = t.replyButton;
        button.setAttribute('aria-label', fill(t.replyLabel, { name: lang === 'en' ? p.nameEn : p.nameZh }));
        button.addEventListener('click', function () { reply(p.key, button); });
        replyCell.appendChild(button);
        body.appendChild(row);
      }
      state(row.querySelector('[data-state="tag"]'), tagged[p.openid]);
      state(row.querySelector('[data-state="audience"]'), audience[p.phoneHash]);
    });
  }

  function state(td, yes) {
    td.textContent = yes ? t.yes : t.no;
    td.className = yes ? 'ok' : 'refused';
  }

  function reply(key, button) {
    button.disabled = true;
    fetch('/api/reply?person=' + encodeURIComponent(key), { method: 'POST', headers: { 'X-Demo-Action': 'reply' } })
      .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
      .then(function (answer) { button.textContent = answer.recorded ? t.replied : t.replyFailed; })
      .catch(function () { button.textContent = t.replyFailed; button.disabled = false; });
  }

  function showCalls(calls) {
    var body = document.querySelector('#calls tbody');
    calls.forEach(function (call) {
      after = Math.max(after, call.seq);
      var row = document.createElement('tr');
      row.className = call.authenticated ? 'new' : 'new unauthenticated';
      row.setAttribute('data-kind', call.kind);
      cell(row, new Date(call.at).toLocaleTimeString(lang));
      cell(row, t.platforms[call.platform] || call.platform);
      cell(row, fill(t.kinds[call.kind] || call.kind, call.details));
      cell(row, call.users.length ? call.users.map(nameOf).join(', ') : t.none);
      var reason = t.reasons[call.code] || call.code;
      if (call.accepted) {
        cell(row, t.accepted, 'ok');
      } else if (call.kind === 'campaign.held') {
        cell(row, fill(t.held, { code: reason }), 'held');
      } else {
        cell(row, fill(t.refused, { code: reason }), 'refused');
      }
      body.insertBefore(row, body.firstChild);
    });
    // the server keeps its last 2000 calls and, apart, its last 200 refused before authentication (CallLog):
    // a page left open keeps no more of each, so that a stream of forged calls does not push out the real ones here either
    keepNewest(body.querySelectorAll('tr:not(.unauthenticated)'), 2000);
    keepNewest(body.querySelectorAll('tr.unauthenticated'), 200);
  }

  function keepNewest(rows, most) {
    for (var i = most; i < rows.length; i++) { rows[i].remove(); }
  }

  function links(data) {
    var suffix = lang === 'en' ? '?lang=en' : '';
    Object.keys(data.links).forEach(function (key) {
      var a = document.getElementById('link-' + key);
      if (!a) { return; }
      a.href = data.links[key];
    });
    return suffix;
  }

  function poll() {
    fetch('/api/calls?after=' + after, { cache: 'no-store' }).then(function (r) { return r.json(); }).then(function (data) {
      showPeople(data);
      links(data);
      showCalls(data.calls);
    }).catch(function () { /* OpenCPM's demo stopped: keep what is shown */ }).finally(function () {
      window.setTimeout(poll, 1000);
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    translate();
    document.getElementById('campaign').addEventListener('click', function () {
      var status = document.getElementById('campaign-result');
      fetch('/api/campaign', { method: 'POST', headers: { 'X-Demo-Action': 'campaign' } })
        .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
        .then(function (answer) { status.textContent = fill(t.sent, { n: answer.sent }); })
        .catch(function () { status.textContent = t.failed; });
    });
    poll();
  });
}());
