"""Two signed issues, one waiting for the leader's sign-off and one draft for the demo county."""

from countydesk.accounts.system import SYSTEM
from countydesk.demo.registry import demo_builder

from . import services
from .models import DistributionList, Periodical

ARTICLES = [
    ("城关镇“三举措”推进老旧小区改造", "城关镇坚持群众点单、部门接单，今年以来完成老旧小区改造12个，惠及居民3000余户。\n"
                                   "一是摸清底数，逐户走访收集意见；二是分类施策，一小区一方案；三是建管并重，成立业主委员会。"),
    ("县水利局全力做好汛前准备", "县水利局对全县68座水库逐一开展汛前检查，发现隐患15处，已整改13处，"
                           "储备编织袋5万条、冲锋舟6艘。"),
    ("青山镇集体经济收入稳步增长", "1—10月，青山镇村级集体经济收入达到860万元，同比增长12%，"
                            "全镇所有行政村集体经济收入均超过10万元。"),
]


@demo_builder(order=800)
def build(county):
    county.progress.step("periodicals")
    editor, leader = county.users["xinxike"], county.users["lingdao"]
    kuaibao = Periodical.objects.get(name="政务信息快报")
    DistributionList.objects.create(periodical=kuaibao, name="市政府办公室信息科", address="xinxi@city.example.gov.cn",
                                    distribution="report")
    DistributionList.objects.create(periodical=kuaibao, name="县委办公室", channel="fax", address="0797-6000001")
    for n in range(2):
        issue = services.do_create_issue(editor, kuaibao, year=county.today.year)
        for title, body in county.rng.sample(ARTICLES, 2):
            services.do_add_item(editor, issue, title=title, body=body, writer=county.rng.choice(["王伟", "李娜"]))
        services.do_submit(editor, issue)
        services.do_sign(leader, issue)
    pending = services.do_create_issue(editor, kuaibao, year=county.today.year)
    for title, body in ARTICLES[::2]:  # no draw from county.rng: the builders after this one keep their data
        services.do_add_item(editor, pending, title=title, body=body, writer="王伟")
    services.do_submit(editor, pending)
    draft = services.do_create_issue(editor, Periodical.objects.get(name="每日要情"), year=county.today.year)
    title, body = ARTICLES[1]
    services.do_add_item(SYSTEM, draft, title=title, body=body)
