package org.opencpm.adapters.rest.report;

import java.util.Map;

/** The words of the compliance report, in Chinese and English. */
enum ReportText {
    ZH("zh", Map.ofEntries(
            Map.entry("title", "个人信息保护合规报告"),
            Map.entry("period", "报告期间"),
            Map.entry("generated", "生成时间"),
            Map.entry("utc", "时间均为 UTC；期间内的数字取自审计链中该期间记录的事件，与 GET /api/v1/audit/events 相同窗口的导出一致；“当前”各节为生成时的状态。"),
            Map.entry("consents", "同意与撤回（PIPL 第 14、15 条）"),
            Map.entry("purpose", "处理目的"), Map.entry("channel", "渠道"),
            Map.entry("grants", "同意"), Map.entry("withdrawals", "撤回"), Map.entry("denials", "拒绝"),
            Map.entry("confirmations", "确认"), Map.entry("expiries", "到期"),
            Map.entry("consentRate", "同意率"), Map.entry("withdrawalRate", "撤回率"),
            Map.entry("rates", "同意率 = 同意 ÷（同意 + 拒绝）；撤回率 = 撤回 ÷ 同意，均按本期间记录的事件计算。"),
            Map.entry("total", "合计"), Map.entry("late", "迟到事件（晚于已生效事件到达，未改变状态）"),
            Map.entry("overTime", "按时间"), Map.entry("byPurpose", "按处理目的"), Map.entry("byChannel", "按渠道"),
            Map.entry("reconsent", "需重新取得同意（告知内容重大变更，PIPL 第 14、17 条）"),
            Map.entry("notice", "告知文本"), Map.entry("shown", "同意时版本"), Map.entry("current", "重大变更版本"),
            Map.entry("consentsCount", "有效同意数"), Map.entry("people", "需重新取得同意的人数（上述两表合计，每人计一次）"),
            Map.entry("redefined", "需重新取得同意（处理目的重大变更，PIPL 第 14 条第 2 款）"),
            Map.entry("redefinedAt", "重大变更时间"),
            Map.entry("redefinedNote", "在处理目的重大变更（新增数据元素或接收方、改为敏感或跨境等）之前给出的同意；同时因告知文本变更而过期的同意只列在上一表中。"),
            Map.entry("separate", "单独同意覆盖（PIPL 第 23、25、29、39 条）"), Map.entry("grounds", "依据"),
            Map.entry("inForce", "当前有效"), Map.entry("notExplicit", "其中非明示方式"), Map.entry("grantsInPeriod", "本期同意"),
            Map.entry("minors", "未满十四周岁未成年人（PIPL 第 31 条）"), Map.entry("minorPeople", "未成年人数"),
            Map.entry("minorConsents", "其有效同意"), Map.entry("byGuardian", "由监护人同意"),
            Map.entry("withoutGuardian", "无监护人记录（需复核）"), Map.entry("guardianGrants", "本期监护人同意"),
            Map.entry("dataElements", "数据元素分级（DSL 第 21 条；PIPL 第 28 条）"), Map.entry("grade", "级别"),
            Map.entry("element", "数据元素"), Map.entry("category", "类别"),
            Map.entry("rights", "个人权利请求（PIPL 第 44–50 条）"), Map.entry("type", "类型"),
            Map.entry("received", "收到"), Map.entry("completed", "完成"), Map.entry("rejected", "拒绝"),
            Map.entry("lateAnswers", "本期超期答复"), Map.entry("open", "当前未结请求"), Map.entry("overdue", "已超期"),
            Map.entry("status", "状态"), Map.entry("receivedAt", "收到时间"), Map.entry("dueAt", "截止时间"),
            Map.entry("erasures", "删除（PIPL 第 47 条）"), Map.entry("started", "本期开始"), Map.entry("finished", "本期完成"),
            Map.entry("unfinished", "进行中的删除"), Map.entry("reason", "原因"), Map.entry("request", "请求"),
            Map.entry("startedAt", "开始时间"), Map.entry("waitUntil", "最迟完成"),
            Map.entry("connectors", "连接器投递状况"), Map.entry("connector", "连接器"), Map.entry("state", "状态"),
            Map.entry("pending", "待投递"), Map.entry("delivered", "已投递"), Map.entry("failed", "重试中"),
            Map.entry("dead", "死信"), Map.entry("oldestPending", "最早待投递"),
            Map.entry("alerts", "风险告警"), Map.entry("rule", "规则"), Map.entry("severity", "级别"),
            Map.entry("raisedAt", "触发时间"), Map.entry("detail", "详情"),
            Map.entry("alertsNotConnected", "本报告未接入告警存储：此处不代表“无告警”。"),
            Map.entry("none", "无"), Map.entry("yes", "是"), Map.entry("no", "否"),
            Map.entry("more", "仅列出前 %d 项，共 %d 项"))),
    EN("en", Map.ofEntries(
            Map.entry("title", "Personal information protection compliance report"),
            Map.entry("period", "Period"),
            Map.entry("generated", "Generated"),
            Map.entry("utc", "Times are UTC. The period's numbers come from the audit events recorded in it, as GET /api/v1/audit/events exports the same window; the \"now\" sections are the state when the report was generated."),
            Map.entry("consents", "Consents and withdrawals (PIPL Art. 14, 15)"),
            Map.entry("purpose", "Purpose"), Map.entry("channel", "Channel"),
            Map.entry("grants", "Grants"), Map.entry("withdrawals", "Withdrawals"), Map.entry("denials", "Denials"),
            Map.entry("confirmations", "Confirmations"), Map.entry("expiries", "Expiries"),
            Map.entry("consentRate", "Consent rate"), Map.entry("withdrawalRate", "Withdrawal rate"),
            Map.entry("rates", "Consent rate = grants ÷ (grants + denials); withdrawal rate = withdrawals ÷ grants; both over the events recorded in the period."),
            Map.entry("total", "Total"), Map.entry("late", "Late events (arrived after a newer one, changed nothing)"),
            Map.entry("overTime", "over time"), Map.entry("byPurpose", "by purpose"), Map.entry("byChannel", "by channel"),
            Map.entry("reconsent", "Due to re-consent after material notice changes (PIPL Art. 14, 17)"),
            Map.entry("notice", "Notice"), Map.entry("shown", "Version consented on"), Map.entry("current", "Material version"),
            Map.entry("consentsCount", "Consents in force"), Map.entry("people", "People due to re-consent (both tables, each person once)"),
            Map.entry("redefined", "Due to re-consent after a material redefinition of the purpose (PIPL Art. 14 ¶2)"),
            Map.entry("redefinedAt", "Redefined at"),
            Map.entry("redefinedNote", "Consents given before their purpose was redefined materially (a new data element or recipient, made sensitive or cross-border…); one also outdated by a notice change is listed in the table above only."),
            Map.entry("separate", "Separate consent coverage (PIPL Art. 23, 25, 29, 39)"), Map.entry("grounds", "Grounds"),
            Map.entry("inForce", "In force now"), Map.entry("notExplicit", "of which not explicit"), Map.entry("grantsInPeriod", "Grants in period"),
            Map.entry("minors", "Minors under 14 (PIPL Art. 31)"), Map.entry("minorPeople", "Minors"),
            Map.entry("minorConsents", "Their consents in force"), Map.entry("byGuardian", "Given by a guardian"),
            Map.entry("withoutGuardian", "No guardian recorded (review)"), Map.entry("guardianGrants", "Guardian grants in period"),
            Map.entry("dataElements", "Data elements by grade (DSL Art. 21; PIPL Art. 28)"), Map.entry("grade", "Grade"),
            Map.entry("element", "Data element"), Map.entry("category", "Category"),
            Map.entry("rights", "Rights requests (PIPL Art. 44–50)"), Map.entry("type", "Type"),
            Map.entry("received", "Received"), Map.entry("completed", "Completed"), Map.entry("rejected", "Rejected"),
            Map.entry("lateAnswers", "Answered late in period"), Map.entry("open", "Open now"), Map.entry("overdue", "Overdue"),
            Map.entry("status", "Status"), Map.entry("receivedAt", "Received at"), Map.entry("dueAt", "Due at"),
            Map.entry("erasures", "Erasures (PIPL Art. 47)"), Map.entry("started", "Started in period"), Map.entry("finished", "Finished in period"),
            Map.entry("unfinished", "Erasures under way"), Map.entry("reason", "Reason"), Map.entry("request", "Request"),
            Map.entry("startedAt", "Started at"), Map.entry("waitUntil", "Finishes by"),
            Map.entry("connectors", "Connector delivery health"), Map.entry("connector", "Connector"), Map.entry("state", "State"),
            Map.entry("pending", "Pending"), Map.entry("delivered", "Delivered"), Map.entry("failed", "Retrying"),
            Map.entry("dead", "Dead letters"), Map.entry("oldestPending", "Oldest pending"),
            Map.entry("alerts", "Risk alerts"), Map.entry("rule", "Rule"), Map.entry("severity", "Severity"),
            Map.entry("raisedAt", "Raised at"), Map.entry("detail", "Detail"),
            Map.entry("alertsNotConnected", "No alert store feeds this report: an empty list here does not mean \"no alerts\"."),
            Map.entry("none", "None"), Map.entry("yes", "yes"), Map.entry("no", "no"),
            Map.entry("more", "Only the first %d of %d are listed")));

    private final String code;
    private final Map<String, String> words;

    ReportText(String code, Map<String, String> words) {
        this.code = code;
        this.words = words;
    }

    String code() {
        return code;
    }

    String get(String key) {
        String word = words.get(key);
        if (word == null) {
            throw new IllegalArgumentException("no text for " + key);
        }
        return word;
    }
}
