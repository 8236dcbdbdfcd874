"""Twenty past incidents of the demo county, linked to the plans that applied."""

from datetime import timedelta
from decimal import Decimal

from countydesk.accounts.system import SYSTEM
from countydesk.demo.registry import demo_builder
from countydesk.registry.plans.models import Plan

from .services import do_create_case

# (title, type, place, summary, lessons, plan of that type)
STORIES = [
    ("{town}强降雨引发山洪", "101", "{town}沿河村组", "连续强降雨致河水暴涨，冲毁农田{n}亩、便桥{m}座，转移群众{k}人。",
     "预警信息传递到村到户仍有延迟，需完善“叫应”机制。", "云溪县防汛抗旱应急预案"),
    ("{town}山林火灾", "105", "{town}后山林区", "村民祭祀用火不慎引发山火，过火面积约{n}亩，出动扑火人员{k}人，{m}小时扑灭。",
     "清明期间野外用火管控不到位，护林员巡查需加密。", "云溪县森林火灾应急预案"),
    ("{town}山体滑坡", "104", "{town}公路边坡", "持续降雨导致边坡滑塌约{n}立方米，阻断县道{m}小时，提前避让无人员伤亡。",
     "群测群防监测员及时报告是避免伤亡的关键。", "云溪县地质灾害应急预案"),
    ("{town}企业机械伤害事故", "201", "{town}工业园区", "一名工人在设备检修时未执行停机挂牌，被卷入传送带受伤，送医救治。",
     "企业安全培训流于形式，检修作业审批制度需落实。", "云溪县安全生产事故灾难应急预案"),
    ("{town}危化品运输车辆泄漏", "201", "{town}国道路段", "一辆运输液碱的罐车阀门松动发生泄漏约{m}吨，消防围堵稀释后恢复通行。",
     "运输企业应急处置卡未随车携带，驾驶员处置能力不足。", "云溪县危险化学品事故应急预案"),
    ("{town}道路交通事故", "202", "{town}县道弯道", "一辆农用车与小客车相撞，造成人员伤亡，道路中断{m}小时。",
     "急弯路段缺少警示标志和减速设施。", "云溪县道路交通事故应急预案"),
    ("{town}学校聚集性胃肠炎疫情", "301", "{town}中心小学", "学校出现{n}例呕吐腹泻病例，疾控采样确认为诺如病毒感染，停课消毒后控制。",
     "晨午检和因病缺课追踪需落实到班级。", "云溪县突发公共卫生事件应急预案"),
    ("{town}农村集体聚餐食物中毒", "303", "{town}某村", "村民自办宴席后{n}人出现中毒症状，均送医治疗后好转。",
     "农村集体聚餐备案和乡村厨师培训覆盖不足。", "云溪县食品安全事故应急预案"),
    ("{town}征地补偿引发群体上访", "406", "{town}政府", "{n}余名群众因征地补偿款问题聚集，经现场疏导、依法答复后平息。",
     "矛盾纠纷排查化解要前置，信息公开要及时。", "云溪县群体性事件应急预案"),
    ("{town}有感地震", "103", "{town}", "邻县发生4.1级地震，{town}震感明显，部分老旧房屋墙体开裂{m}处，无人员伤亡。",
     "农村危房排查台账需动态更新。", "云溪县地震应急预案"),
]
TOWNS = ["城关镇", "青山镇", "白沙镇", "桃源乡", "石门镇", "龙潭乡", "杨柳镇", "河口镇", "东岭乡", "西坪乡", "南湖镇", "北山乡"]


@demo_builder(order=450)
def build(county):
    county.progress.step("case library")
    plans = {p.title: p for p in Plan.objects.filter(kind="special")}
    for i in range(20):
        title, code, place, summary, lessons, plan_title = STORIES[i % len(STORIES)]
        town = county.rng.choice(TOWNS)
        values = {"town": town, "n": county.rng.randint(10, 300), "m": county.rng.randint(1, 12),
                  "k": county.rng.randint(20, 400)}
        hurt = code in ("201", "202")
        do_create_case(
            SYSTEM, title=title.format(**values), event_type=code,
            occurred_on=county.today - timedelta(days=county.rng.randint(60, 2500)), township=county.units[town],
            place=place.format(**values), deaths=county.rng.randint(0, 2) if hurt else 0,
            injuries=county.rng.randint(0, 6) if hurt or code in ("301", "303") else 0,
            direct_loss=Decimal(county.rng.randint(5, 800)), summary=summary.format(**values),
            lessons=lessons, plans=[plans[plan_title]] if plan_title in plans else [])


# The case library at the stated scale (issue 5 item 12): a hundred past incidents in all.
MORE_STORIES = [
    ("{town}低温雨雪冰冻灾害", "102", "{town}山区公路", "持续低温雨雪致道路结冰，{m}条县乡道路临时封闭，{k}名旅客滞留，部分线路倒杆断线。",
     "除冰物资前置不足，山区道路巡查需提前。", "云溪县气象灾害应急预案"),
    ("{town}雷雨大风灾害", "102", "{town}集镇", "雷雨大风导致{n}间房屋屋顶受损，刮倒树木{m}处，转移安置群众{k}人。",
     "大风预警发布后户外广告牌和临时建筑加固不到位。", "云溪县气象灾害应急预案"),
    ("{town}民房火灾", "206", "{town}老街", "老旧民房电线短路起火，烧毁房屋{m}间，消防救援力量{k}分钟到场扑灭。",
     "老旧街区消防通道被占用，村级微型消防站作用有待发挥。", "云溪县安全生产事故灾难应急预案"),
    ("{town}液化气泄漏爆燃", "203", "{town}沿街商铺", "餐馆液化气钢瓶减压阀老化泄漏引发爆燃，造成人员受伤，周边{m}间店面受损。",
     "瓶装液化气用户安全检查覆盖不全，餐饮场所燃气报警器安装率低。", "云溪县安全生产事故灾难应急预案"),
    ("{town}建筑工地坍塌", "201", "{town}安置小区工地", "基坑边坡局部坍塌，{m}名工人被埋，经全力搜救送医。",
     "深基坑专项施工方案未严格执行，监测预警缺位。", "云溪县安全生产事故灾难应急预案"),
    ("{town}大面积停电", "203", "{town}", "暴雨导致{m}条10千伏线路跳闸，{n}余户停电，抢修{k}小时后全部恢复。",
     "重要用户自备应急电源配置不足。", "云溪县大面积停电事件应急预案"),
    ("{town}河流水体污染", "205", "{town}河段", "上游企业违法排放导致河段出现死鱼，受影响河段约{m}公里，及时启用备用水源。",
     "涉水企业在线监测数据异常未及时预警。", "云溪县突发环境事件应急预案"),
    ("{town}非洲猪瘟疫情", "304", "{town}养殖场", "一养殖场发生非洲猪瘟疫情，扑杀生猪{n}头，划定疫区封锁后解除。",
     "小散养殖户生物安全防护意识薄弱。", "云溪县动物疫情应急预案"),
    ("{town}客车侧翻事故", "202", "{town}山区县道", "一辆乡村客车在雨天弯道侧翻，车上{m}名乘客受伤，交警、医疗救护队现场处置。",
     "山区临水临崖路段护栏缺失，农村客运车辆动态监控需加强。", "云溪县道路交通事故应急预案"),
    ("{town}旱情", "101", "{town}山区村组", "持续四十余天无有效降雨，{k}人饮水困难，送水车和打井机保障供水。",
     "山区小型水源工程蓄水能力不足，抗旱水源需提前谋划。", "云溪县防汛抗旱应急预案"),
]


@demo_builder(order=945)
def build_scale(county):
    county.progress.step("case library at scale")
    from .models import Case

    plans = {p.title: p for p in Plan.objects.filter(kind="special")}
    stories = STORIES + MORE_STORIES
    for i in range(max(0, 100 - Case.objects.count())):
        title, code, place, summary, lessons, plan_title = stories[(i * 7 + county.rng.randrange(3)) % len(stories)]
        town = county.rng.choice(TOWNS)
        values = {"town": town, "n": county.rng.randint(10, 300), "m": county.rng.randint(1, 12),
                  "k": county.rng.randint(20, 400)}
        hurt = code in ("201", "202", "203", "206")
        do_create_case(
            SYSTEM, title=title.format(**values), event_type=code,
            occurred_on=county.today - timedelta(days=county.rng.randint(60, 3650)), township=county.units[town],
            place=place.format(**values), deaths=county.rng.randint(0, 2) if hurt else 0,
            injuries=county.rng.randint(0, 6) if hurt or code in ("301", "303") else 0,
            direct_loss=Decimal(county.rng.randint(5, 1500)), summary=summary.format(**values),
            lessons=lessons, plans=[plans[plan_title]] if plan_title in plans else [])
