"""Names for the synthetic demo county (演示县). Fictional: any likeness to a real county is chance."""

COUNTY = {"name": "云溪县人民政府", "short_name": "云溪县", "code": "369999", "lat": 29.05, "lon": 114.60,
          "address": "云溪县城关镇人民路1号"}

OFFICE = "云溪县人民政府办公室"
SECTIONS = ["秘书科", "信息科", "督查科", "应急管理办公室"]

TOWNSHIPS = ["城关镇", "青山镇", "白沙镇", "桃源乡", "石门镇", "龙潭乡", "杨柳镇", "河口镇", "东岭乡", "西坪乡",
             "南湖镇", "北山乡"]

VILLAGE_STEMS = ["新村", "和平村", "红星村", "大坪村", "柳溪村", "枫林村", "石桥村", "上湾村", "下湾村", "社区居委会"]

# (name, key liaison unit): MISSION A13 names 26 key liaison units, the Development and Reform Bureau first.
DEPARTMENTS = [
    ("县发展和改革局", True), ("县教育体育局", True), ("县科学技术局", True), ("县工业和信息化局", True),
    ("县公安局", True), ("县民政局", True), ("县司法局", True), ("县财政局", True),
    ("县人力资源和社会保障局", True), ("县自然资源局", True), ("县生态环境局", True), ("县住房和城乡建设局", True),
    ("县交通运输局", True), ("县水利局", True), ("县农业农村局", True), ("县商务局", True),
    ("县文化广电旅游局", True), ("县卫生健康委员会", True), ("县退役军人事务局", True), ("县应急管理局", True),
    ("县审计局", True), ("县市场监督管理局", True), ("县统计局", True), ("县林业局", True),
    ("县医疗保障局", True), ("县城市管理局", True), ("县气象局", False), ("县消防救援大队", False),
    ("县人民医院", False), ("县疾病预防控制中心", False),
]

ENTERPRISES = ["云溪化工有限公司", "云溪煤业有限公司", "县供电公司", "云溪水务集团"]
SOCIAL_ORGS = ["县红十字会", "云溪蓝天救援队", "县志愿者协会"]

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志红玉兰海燕文斌辉鹏飞宇晨浩然雪梅春林"
