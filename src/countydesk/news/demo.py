"""News coverage of the demo county: some of it reported as information by the units, some not."""

from datetime import timedelta

from countydesk.accounts.system import SYSTEM
from countydesk.demo.registry import demo_builder

from .models import NewsItem
from .services import do_import_items

STORIES = [
    ("{unit}扎实开展汛前隐患排查", "{unit}组织干部深入重点水库、山塘开展汛前安全检查，共排查隐患{n}处，已整改{m}处。"),
    ("{unit}春耕生产有序推进", "连日来，{unit}抢抓农时，组织农技人员下村指导，已完成早稻育秧{n}亩。"),
    ("{unit}召开安全生产专题会议", "{unit}召开安全生产工作会议，部署开展“打非治违”专项行动，检查企业{n}家。"),
    ("{unit}森林防火宣传进村入户", "{unit}组织志愿者深入{m}个村开展森林防火宣传，发放宣传资料{n}份。"),
    ("{unit}优化营商环境见实效", "今年以来，{unit}新办理审批事项{n}件，平均办理时限压缩至{m}个工作日。"),
]
OUTLETS = [("newspaper", "云溪日报"), ("television", "云溪县电视台"), ("web", "云溪发布")]
UNITS = ["城关镇", "青山镇", "白沙镇", "桃源乡", "石门镇", "县发展和改革局", "县水利局", "县应急管理局", "县林业局",
         "县农业农村局"]


@demo_builder(order=900)
def build(county):
    county.progress.step("news coverage")
    items = []
    for i in range(28):
        unit = county.rng.choice(UNITS)
        title, body = county.rng.choice(STORIES)
        source, outlet = county.rng.choice(OUTLETS)
        values = {"unit": unit, "n": county.rng.randint(5, 900), "m": county.rng.randint(2, 30)}
        items.append({"title": title.format(**values), "body": body.format(**values),
                      "published": county.today - timedelta(days=county.rng.randint(1, 150)),
                      "source": NewsItem.Source(source), "outlet": outlet,
                      "link": f"https://news.qingshan.example/{2026}/{i + 1:04d}.html"})
    do_import_items(SYSTEM, items, origin="demo")
