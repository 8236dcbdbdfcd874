"""The demo county's information work in 2026: guidance, topics, commissions and ~60 submissions."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from countydesk.accounts.system import SYSTEM
from countydesk.demo.registry import demo_builder
from countydesk.orgs.choices import INFO_OFFICER_POSTS
from countydesk.orgs.models import Post

from . import services
from .choices import Kind, Tone
from .models import ScoreRule

CST = ZoneInfo("Asia/Shanghai")
THEMES = ["稳增长、抓项目、促投资", "乡村振兴和农业农村现代化", "优化营商环境和改革创新", "生态文明建设和环境保护",
          "保障和改善民生", "安全生产和应急管理", "社会治理和信访维稳", "政府自身建设和作风转变"]
# (title, body, kind, tone, theme number); {u} unit, {m}/{d} month/day, {n} {p} {k} figures.
STORIES = [
    ("{u}重点项目建设提速增效", "{m}月{d}日，{u}召开重点项目推进会。今年以来，全{s}{k}个重点项目累计完成投资{n}亿元，同比增长{p}%。",
     Kind.NEWS, Tone.GOOD, 1),
    ("{u}春耕备耕有序推进", "目前，{u}已储备化肥{k}吨、种子{n}吨，比去年同期增加{p}%，早稻育秧{n}亩。", Kind.NEWS, Tone.GOOD, 2),
    ("{u}“一窗通办”让群众少跑腿", "{u}推行“一窗受理、集成服务”，{m}月份办件{n}件，平均办理时限压缩至{k}个工作日。",
     Kind.PRACTICE, Tone.GOOD, 3),
    ("{u}部分村组饮水安全存在隐患", "近期，{u}走访发现{k}个村组供水管网老化，{n}户群众饮水不稳定。建议县水利局统筹安排改造资金。",
     Kind.PROBLEM, Tone.PROBLEM, 5),
    ("{u}企业用工缺口较大需引起重视", "截至{m}月底，{u}{k}家规上企业用工缺口约{n}人，技工短缺尤为突出，部分订单被迫延期。",
     Kind.PROBLEM, Tone.PROBLEM, 1),
    ("{u}发现一起非法采砂苗头", "{m}月{d}日，{u}巡查发现河道有{k}艘采砂船夜间作业，群众反映强烈，存在引发矛盾的倾向。",
     Kind.URGENT, Tone.PROBLEM, 7),
    ("{u}扎实开展汛前隐患排查", "{m}月{d}日起，{u}组织干部对{k}座水库、山塘开展汛前检查，排查隐患{n}处，已整改{p}处。",
     Kind.NEWS, Tone.NEUTRAL, 6),
    ("{u}农村人居环境整治调研", "一、基本情况：全{s}{k}个行政村完成改厕{n}户。二、存在问题：管护机制不健全。三、对策建议：建立长效管护机制。",
     Kind.RESEARCH, Tone.NEUTRAL, 4),
    ("{u}去年粮食生产再获丰收", "2025年，{u}粮食播种面积{k}万亩，总产{n}万吨，比上年增长{p}%。", Kind.NEWS, Tone.GOOD, 2),
]
UNITS = ["城关镇", "青山镇", "白沙镇", "桃源乡", "石门镇", "龙潭乡", "河口镇", "县发展和改革局", "县水利局",
         "县农业农村局", "县应急管理局", "县商务局"]
STALE = (7, 22, 38)
# Commissions: done (piece submitted before the deadline, adopted), late (drafted before the deadline, submitted
# after it), overdue (nothing sent), due (a draft linked, not yet submitted: still open and reminded).
TOPICS = [  # (unit, title, month, outcome)
    ("县发展和改革局", "关于全县重大项目谋划储备情况的调研", 3, "commissioned_done"),
    ("城关镇", "城区老旧小区改造中群众诉求的调查", 5, "commissioned_overdue"),
    ("县农业农村局", "全县高标准农田建设管护情况调研", 11, "commissioned_due"),
    ("县应急管理局", "全县基层应急救援力量建设情况调研", 9, "commissioned_late"),
    ("青山镇", "山区群众饮水安全保障情况调研", 12, "scheduled"),
    ("县水利局", "小型水库安全运行管理调研", 12, "accepted"),
    ("白沙镇", "白沙镇特色产业发展调研", 12, "rejected"),
    ("石门镇", "石门镇矿山生态修复情况调研", 12, "proposed"),
    ("县商务局", "县域电商发展现状与对策", 12, "proposed"),
]


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), CST)


def _writer(unit) -> str:
    post = Post.objects.filter(unit=unit, kind__in=INFO_OFFICER_POSTS).select_related("person").first()
    return post.person.name if post else unit.name


@demo_builder(order=500)
def build(county):
    county.progress.step("information guidance, topics and submissions")
    guidance = services.do_create_guidance(SYSTEM, 2026, "2026年度全县政府系统政务信息报送要点", THEMES,
                                           body="围绕县委、县政府中心工作，突出以下报送重点。", issued_on=date(2026, 1, 10))
    themes = {t.number: t for t in guidance.themes.all()}
    submissions = [_submission(county, i, themes) for i in range(60)]
    _topics(county, themes)
    _follow_ups(county, submissions)
    _adoptions(county, [s for s in submissions if s.status == "published"])


def _story(county, unit, day, stale):
    title, body, kind, tone, theme = STORIES[-1] if stale else county.rng.choice(STORIES[:-1])
    rng = county.rng
    values = {"u": unit.name, "s": "县" if unit.kind == "department" else "镇", "m": day.month, "d": day.day,
              "n": rng.randint(12, 980), "p": rng.randint(3, 35), "k": rng.randint(3, 40)}
    return {"title": title.format(**values), "body": body.format(**values), "kind": kind, "tone": tone,
            "theme": theme}


def _submission(county, index, themes):
    rng = county.rng
    unit = county.units[rng.choice(UNITS)]
    stale = index in STALE  # a March report that still quotes last year's figures (数字还是去年的)
    day = date(2026, 3, rng.randint(5, 28)) if stale else \
        county.start + timedelta(days=rng.randint(0, (county.today - county.start).days - 6))
    story = _story(county, unit, day, stale)
    event = _at(day, rng.randint(7, 20), rng.choice((0, 15, 30, 45)))
    collected = event + timedelta(hours=rng.choice((0.5, 1, 2, 3, 6, 20, 30)))
    written = collected + timedelta(hours=rng.choice((0.5, 1, 2, 4, 26)))
    item = services.do_create_submission(
        SYSTEM, unit=unit, at=written, title=story["title"], body=story["body"], kind=story["kind"],
        tone=story["tone"], theme=themes[story["theme"]], early_signal=story["kind"] == Kind.URGENT,
        event_at=event, collected_at=collected, written_at=written, writer_name=_writer(unit))
    if index % 12 == 0:
        return item  # still a draft
    services.do_send_for_unit_signoff(SYSTEM, item)
    submitted = written + timedelta(hours=rng.choice((0.5, 1, 2, 3, 30)))
    services.do_unit_signoff(SYSTEM, item, at=submitted)
    return _review(county, item, index, submitted)


def _review(county, item, index, submitted):
    if index % 12 == 1:
        return item
    if index % 12 == 5:
        return services.do_return_submission(SYSTEM, item, "请补充具体数据来源和下一步工作打算。")
    if index % 17 == 3:
        return services.do_reject_submission(SYSTEM, item, "内容与上月报送信息重复。")
    reviewed = submitted + timedelta(hours=county.rng.choice((1, 2, 5, 20)))
    services.do_accept_submission(SYSTEM, item, at=reviewed)
    condensed = item.body.split("。")[0] + "。" if index % 3 == 0 else item.body
    item = services.do_edit_submission(SYSTEM, item, title=item.title.replace("扎实", ""),
                                       body=condensed.replace("今年以来，", "今年来，"), note="信息科浓缩编辑")
    if index % 4 == 2:
        return item
    signed = reviewed + timedelta(hours=county.rng.choice((1, 3, 8)))
    item = services.do_sign_off_submission(SYSTEM, item, at=signed)
    return services.do_publish(SYSTEM, item, at=signed + timedelta(hours=2)) if index % 2 else item


# outcome: (deadline, piece drafted at, submitted at or None while still a draft, adopted)
COMMISSIONED = {
    "commissioned_done": (date(2026, 4, 20), (date(2026, 4, 14), 15), (date(2026, 4, 17), 10), True),
    "commissioned_late": (date(2026, 10, 20), (date(2026, 10, 15), 16), (date(2026, 10, 27), 9), False),
    "commissioned_overdue": (date(2026, 11, 10), None, None, False),
    "commissioned_due": (date(2026, 11, 30), (date(2026, 11, 24), 15), None, False),
}


def _topics(county, themes):
    for unit_name, title, month, outcome in TOPICS:
        unit = county.units[unit_name]
        topic = services.do_propose_topic(SYSTEM, title=title, unit=unit, intended_month=date(2026, month, 1),
                                          theme=themes[county.rng.randint(1, len(themes))],
                                          outline="一、基本情况\n二、主要做法和成效\n三、存在的问题\n四、对策建议",
                                          at=_at(date(2026, max(1, month - 1), 5), 10))
        if outcome == "proposed":
            continue
        if outcome == "rejected":
            services.do_reject_topic(SYSTEM, topic, "与往年调研题目重复，建议结合新情况另行选题。")
            continue
        services.do_accept_topic(SYSTEM, topic)
        if outcome == "accepted":
            continue
        due = COMMISSIONED[outcome][0] if outcome in COMMISSIONED else date(2026, min(month + 1, 12), 20)
        topic = services.do_schedule_topic(SYSTEM, topic, due=due)
        if outcome == "scheduled":
            continue
        commission = services.do_commission_topic(SYSTEM, topic, "围绕提纲深入调研，数据准确，篇幅3000字以内，"
                                                  "由单位主要负责人审签后报送。", deadline=due)
        _commissioned_piece(commission, *COMMISSIONED[outcome][1:])


def _commissioned_piece(commission, drafted, submitted, adopted):
    """The unit's piece for a commission: written from the notice (linked), then possibly submitted and adopted.
    The commission is fulfilled at the unit leader's sign-off, not when the draft is linked."""
    if drafted is None:
        return
    topic, written = commission.topic, _at(*drafted)
    item = services.do_create_submission(
        SYSTEM, unit=commission.unit, at=written, commission=commission, title=topic.title,
        body=f"{topic.title}。一、基本情况：全县已摸清底数。二、存在的问题：投入不足、机制不健全。"
             "三、对策建议：加大统筹力度，建立长效机制。",
        kind=Kind.RESEARCH, tone=Tone.NEUTRAL, theme=topic.theme, event_at=written - timedelta(hours=6),
        collected_at=written - timedelta(hours=5), written_at=written, writer_name=_writer(commission.unit))
    if submitted is None:
        return
    services.do_send_for_unit_signoff(SYSTEM, item)
    item = services.do_unit_signoff(SYSTEM, item, at=_at(*submitted))
    reviewed = item.submitted_at + timedelta(hours=4)
    item = services.do_accept_submission(SYSTEM, item, at=reviewed)
    if adopted:
        services.do_record_adoption(SYSTEM, item, ScoreRule.objects.get(code="commission-adopted"),
                                    timezone.localdate(reviewed), note="约稿采用")


def _follow_ups(county, submissions):
    problems = [s for s in submissions if s.tone == Tone.PROBLEM and s.status in ("accepted", "signed", "published")]
    for original in problems[:3]:
        request = services.do_request_follow_up(SYSTEM, original, "请续报问题处置进展和群众反映情况。")
        if original is problems[0]:
            continue
        event = original.event_at + timedelta(days=2)
        services.do_create_submission(
            SYSTEM, unit=original.unit, follow_up_of=original, request=request, at=event + timedelta(hours=3),
            title=f"（续报）{original.title}", body="经核实，相关问题已初步处置，责任单位已制定整改方案，群众情绪稳定。",
            kind=original.kind, tone=Tone.NEUTRAL, theme=original.theme, event_at=event,
            collected_at=event + timedelta(hours=1), written_at=event + timedelta(hours=3),
            writer_name=original.writer_name)


def _adoptions(county, published):
    rules = list(ScoreRule.objects.filter(category="adoption", level__in=["county", "city"]))
    for item in published:
        for rule in county.rng.sample(rules, county.rng.choice((1, 1, 2))):
            services.do_record_adoption(SYSTEM, item, rule, timezone.localdate(item.published_at))
