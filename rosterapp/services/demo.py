"""A realistic, deterministic demo: people, vehicles, a month of station duty and a security task.

The demo follows DOMAIN.md: every station runs two watches (做一休一) of vehicle crews (squad
leader, driver, firefighters), its officers take turns as duty leader, and during the operation
some crews leave their station with their vehicle for a standby post, for 24 h or split into a
day and a night crew. A few problems are planted on purpose for the checking engine to find;
``DemoStats.planted`` lists them.

Rows are written with Core bulk inserts so the city data set (~250,000 roster rows) takes
seconds, not minutes.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from rosterapp import reference_data as ref
from rosterapp.db import Database, advance_sequences
from rosterapp.errors import UsageError
from rosterapp.i18n import tr
from rosterapp.models import (
    Absence,
    Detachment,
    Duty,
    DutyAssignment,
    Handover,
    Maintenance,
    Operation,
    Person,
    Position,
    Post,
    PostVehicleRequirement,
    Qualification,
    Rank,
    RuleSetting,
    ShiftSwap,
    ShiftType,
    Station,
    Vehicle,
    VehicleDeployment,
    VehicleType,
    person_qualification,
    post_qualification,
)
from rosterapp.services import dutyday

OPERATION_NAME = "全国两会消防安保"
HANDOVER = dt.time(8, 0)
MIN_DAYS = 7  # the operation and its planted problems need a week
MAX_DAYS = 366  # a year: the city demo of a year is already ~1 million roster rows
WATCHES = 2  # 做一休一: watch A and watch B alternate 24-hour duties

# Vehicles per station grade and scale: (type code, crew size); crew 0 = kept in reserve, uncrewed.
# A pump's first crew also carries the watch's signaller.
TEMPLATES = {
    "small": {
        "level1": [("SG", 4), ("SG", 4), ("JY", 4), ("ZM", 0)],
        "special": [("SG", 5), ("PM", 4), ("JY", 4), ("DG", 3), ("HJ", 0)],
        "small": [("SG", 4), ("QC", 0)],
    },
    "city": {
        "level1": [("SG", 5), ("SG", 4), ("PM", 4), ("JY", 4), ("DG", 3), ("ZM", 0)],
        "special": [("SG", 5), ("SG", 5), ("PM", 5), ("AP", 5), ("JY", 5), ("YT", 3), ("JP", 3),
                    ("HJ", 0), ("TZ", 0)],
        "small": [("SG", 5), ("QC", 0)],
    },
}
PUMPS = {"SG", "PM", "AP", "JY"}

# Invented stations for the city data set, in the style of the real ones (place names of each district).
CITY_STATIONS = {
    "DC": ["东直门", "和平里", "崇文门", "天坛", "安定门", "北新桥", "东四"],
    "XC": ["德胜门", "展览路", "月坛", "广安门", "牛街", "陶然亭", "新街口", "金融街"],
    "CY": ["亚运村", "三里屯", "酒仙桥", "十八里店", "豆各庄", "双井", "潘家园", "常营", "来广营",
           "孙河", "管庄", "小红门", "东坝", "奥林匹克公园"],
    "HD": ["中关村", "学院路", "清河", "上地", "万柳", "田村", "四季青", "温泉", "苏家坨", "海淀镇",
           "紫竹院", "北下关", "马连洼"],
    "FT": ["卢沟桥", "丽泽", "方庄", "大红门", "马家堡", "长辛店", "宛平", "花乡", "和义"],
    "SJS": ["八角", "古城", "鲁谷", "苹果园", "金顶街"],
}
CITY_SPECIAL = {"DC": 1, "XC": 1, "CY": 2, "HD": 2, "FT": 1, "SJS": 0}
CITY_SMALL_EVERY = 4  # every 4th invented station is a 小型站

SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
            "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
GIVEN_MALE = "伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆帅旭宁龙林洋阳博文亮成志海东峰晨瑞"
GIVEN_FEMALE = "芳娜敏静丽艳娟霞燕玲婷雪慧莹颖琳晶倩丹萍佳"

# (post type, duty mode, rotation, vehicles (type code, count), min people)
POST_KINDS = {
    "hotel": ("hotel", "stationed", "24h", [("SG", 1)], 4),
    "venue": ("venue", "stationed", "24h", [("SG", 1)], 5),
    "press": ("press", "forward", "24h", [("SG", 1)], 4),
    "route": ("route", "patrol", "day_night", [("SG", 1)], 4),
    "utility": ("utility", "forward", "24h", [("SG", 1)], 4),
}
# Venues of DOMAIN.md and plausible others, by responsible detachment: (name, kind, address).
VENUES = {
    "DC": [("北京饭店", "hotel", "东城区东长安街33号"), ("贵宾楼饭店", "hotel", "东城区东长安街35号"),
           ("北京国际饭店", "hotel", "东城区建国门内大街9号"), ("长安街东段", "route", "东单至建国门"),
           ("国网北京东城供电公司", "utility", "东城区东直门南大街")],
    "XC": [("民族饭店", "hotel", "西城区复兴门内大街51号"), ("金融街洲际酒店", "hotel", "西城区金融大街11号"),
           ("长安街西段", "route", "西单至复兴门")],
    "CY": [("国家会议中心", "venue", "朝阳区天辰东路7号"), ("北京会议中心", "venue", "朝阳区来广营西路88号"),
           ("五洲大酒店", "hotel", "朝阳区北四环中路8号"), ("北辰洲际酒店", "hotel", "朝阳区北辰东路8号"),
           ("华能北京热电厂", "utility", "朝阳区高碑店")],
    "HD": [("梅地亚中心", "press", "海淀区复兴路11号"), ("京西宾馆", "hotel", "海淀区羊坊店路1号"),
           ("友谊宾馆", "hotel", "海淀区中关村南大街1号"), ("西苑饭店", "hotel", "海淀区三里河路1号")],
    "FT": [("京丰宾馆", "hotel", "丰台区北蜂窝路5号"), ("丰台体育中心周边", "route", "丰台区西四环南路")],
    "SJS": [("首钢园区", "venue", "石景山区石景山路68号")],
}
ROLE_BY_POSITION = {"战斗班长": "commander", "驾驶员": "driver", "战斗员": "firefighter",
                    "通信员": "signaller", "安全员": "safety"}


@dataclass
class Planted:
    """A problem the demo plants on purpose, for the checking engine's tests."""

    rule: str
    day: dt.date
    people: tuple[str, ...] = ()
    vehicles: tuple[str, ...] = ()
    posts: tuple[str, ...] = ()


@dataclass
class DemoStats:
    people: int = 0
    vehicles: int = 0
    duties: int = 0
    posts: int = 0
    stations: int = 0
    planted: list[Planted] = field(default_factory=list)

    def as_dict(self) -> dict[str, int]:
        return {"people": self.people, "vehicles": self.vehicles, "duties": self.duties, "posts": self.posts}


@dataclass
class _Person:
    id: int
    staff_no: str
    position: str
    quals: set[str]


@dataclass
class _Crew:
    vehicle_id: int
    plate: str
    type_code: str
    members: list[tuple[_Person, str]]  # (person, crew role)


@dataclass
class _Station:
    id: int
    name: str
    short: str
    grade: str
    det_code: str
    det_id: int
    offset: int
    officers: list[_Person] = field(default_factory=list)
    # A staff office's command-centre duty officers (支队总值班), who take turns as its officers do.
    watchers: list[_Person] = field(default_factory=list)
    # crews[watch] = list of _Crew, one per crewed vehicle
    crews: list[list[_Crew]] = field(default_factory=list)
    vehicles: list[tuple[int, str, str, int]] = field(default_factory=list)  # (id, plate, type, crew size)
    posts_taken: int = 0
    free: list[int] = field(default_factory=list)  # crews not sent to a post


class _Ids:
    """Reference ids by name, read once."""

    def __init__(self, session: Session):
        def by_name(model, key="name"):
            return {getattr(r, key): r.id for r in session.scalars(select(model))}

        self.qual = by_name(Qualification)
        self.rank = by_name(Rank)
        self.position = by_name(Position)
        self.shift = by_name(ShiftType, "code")
        types = session.scalars(select(VehicleType)).all()
        self.vtype = {t.code: t.id for t in types}
        self.vtype_name = {t.code: t.name for t in types}
        self.vtype_seats = {t.code: t.default_seats for t in types}
        self.vtype_loads = {t.code: (t.default_water_t, t.default_foam_t, t.default_powder_kg) for t in types}


def generate(db: Database, *, scale: str = "small", seed: int = 1, start: dt.date | None = None,
             days: int | None = None, replace: bool = False) -> DemoStats:
    """Fill ``db`` with the demo; refuses a database that holds people unless ``replace``."""
    start = start or dutyday.today().replace(day=1)
    days = days if days is not None else (31 if scale == "small" else 90)
    if not MIN_DAYS <= days <= MAX_DAYS:
        raise UsageError(tr("The demo covers {least} to {most} days, not {value}.", least=MIN_DAYS,
                            most=MAX_DAYS, value=days))
    dutyday.check_days(start, start + dt.timedelta(days=days - 1))
    with db.begin(f"demo --scale {scale} --seed {seed}") as session:
        count = session.scalar(select(func.count()).select_from(Person))
        if count and not replace:
            raise UsageError(tr("The database already holds {count} people; use --replace to overwrite it.",
                                count=count))
        if count or replace:
            _clear(session)
        return _Generator(session, scale, seed, start, days).run()


def _clear(session: Session) -> None:
    """Remove people, vehicles, operations and invented stations; the reference data stays."""
    for table in (ShiftSwap.__table__, Handover.__table__, DutyAssignment.__table__,
                  VehicleDeployment.__table__, Duty.__table__, Absence.__table__, Maintenance.__table__,
                  person_qualification, post_qualification, PostVehicleRequirement.__table__,
                  Post.__table__):
        session.execute(delete(table))
    session.execute(delete(RuleSetting).where(RuleSetting.operation_id.is_not(None)))
    session.execute(delete(Operation))
    session.execute(delete(Person))
    session.execute(delete(Vehicle))
    seeded = [name for names in ref.STATIONS.values() for name in names]
    session.execute(delete(Station).where(Station.name.not_in(seeded), Station.grade != "office"))


class _Generator:
    def __init__(self, session: Session, scale: str, seed: int, start: dt.date, days: int):
        self.s = session
        self.scale = scale
        self.seed = seed
        self.rng = random.Random(seed)
        self.start = start
        self.days = [start + dt.timedelta(days=i) for i in range(days)]
        self.ids = _Ids(session)
        self.stats = DemoStats()
        self.stations: list[_Station] = []
        self.used_names: set[str] = set()
        self.seq = 0
        self.plate_seq = 0
        self.person_rows: list[dict] = []
        self.qual_rows: list[dict] = []
        self.absences: dict[int, list[tuple[dt.date, dt.date, str]]] = {}

    # -- organisation ---------------------------------------------------------------------------
    def run(self) -> DemoStats:
        self._stations()
        for st in self.stations:
            if st.grade != "office":
                self._staff_station(st)
        # The staff offices last, from their own random numbers: the stations' demo stays as it was.
        station_rng, self.rng = self.rng, random.Random(self.seed + 1_000_003)
        for st in self.stations:
            if st.grade == "office":
                self._staff_office(st)
        self.rng = station_rng
        self.s.execute(insert(Person.__table__), self.person_rows)
        self.s.execute(insert(person_qualification), self.qual_rows)
        self._absences()
        duties, deployments = self._station_duties()
        op_deployments, post_count = self._operation(duties)
        deployments.extend(op_deployments)
        self._plant(duties, deployments)
        self._swaps(duties)
        self._assignments(duties)
        self._handovers()
        self.s.execute(insert(Duty.__table__), [d for d in duties if d is not None])
        if deployments:
            self.s.execute(insert(VehicleDeployment.__table__), deployments)
        advance_sequences(self.s, [Person.__table__])  # the people were written with the ids they were given
        self.stats.people = len(self.person_rows)
        self.stats.duties = sum(d is not None for d in duties)
        self.stats.posts = post_count
        self.stats.stations = len(self.stations)
        return self.stats

    def _stations(self) -> None:
        dets = self.s.execute(select(Detachment.id, Detachment.code).order_by(Detachment.sort_order)).all()
        det_id = {code: i for i, code in dets}
        if self.scale == "city":
            for code, places in CITY_STATIONS.items():
                order = 100
                for i, place in enumerate(places):
                    if i < CITY_SPECIAL[code]:
                        name = f"{place}特勤站"
                    elif i % CITY_SMALL_EVERY == CITY_SMALL_EVERY - 1:
                        name = f"{place}小型站"
                    else:
                        name = f"{place}消防救援站"
                    order += 1
                    self.s.add(Station(detachment_id=det_id[code], name=name, short_name=place,
                                       grade=ref.station_grade(name), sort_order=order))
            self.s.flush()
        rows = self.s.execute(
            select(Station.id, Station.name, Station.short_name, Station.grade, Detachment.code, Detachment.id)
            .join(Detachment).order_by(Detachment.sort_order, Station.sort_order, Station.id)
        ).all()
        for i, (sid, name, short, grade, code, did) in enumerate(rows):
            self.stations.append(_Station(sid, name, short, grade, code, did, offset=i % WATCHES))
        self.offices = {st.id for st in self.stations if st.grade == "office"}

    # -- people and vehicles ----------------------------------------------------------------------
    def _name(self, female: bool = False) -> str:
        pool = GIVEN_FEMALE if female else GIVEN_MALE
        while True:
            given = self.rng.choice(pool)
            if self.rng.random() < 0.6:
                given += self.rng.choice(pool)
            name = self.rng.choice(SURNAMES) + given
            if name not in self.used_names:
                self.used_names.add(name)
                return name

    def _person(self, st: _Station, position: str, quals: Iterable[str], *, officer_rank: str | None = None,
                female: bool = False) -> _Person:
        self.seq += 1
        staff_no = f"{self.seq:07d}"  # text with leading zeros, as the detachments' registers keep it
        if officer_rank:
            rank, age = officer_rank, self.rng.randint(30, 45)
        elif position == "战斗班长":
            rank, age = self.rng.choice(["一级消防士", "三级消防长", "二级消防长"]), self.rng.randint(27, 38)
        else:
            rank, age = self.rng.choice(ref.FIREFIGHTER_RANKS[:5]), self.rng.randint(19, 32)
        birth = self.start - dt.timedelta(days=age * 365 + self.rng.randint(0, 364))
        pid = self.seq
        quals = set(quals)
        self.person_rows.append({
            "id": pid, "staff_no": staff_no, "name": self._name(female), "sex": "F" if female else "M",
            "birth_date": birth, "rank_id": self.ids.rank[rank], "position_id": self.ids.position[position],
            "phone": f"1{self.rng.choice('3578')}{self.rng.randint(0, 999_999_999):09d}",
            "station_id": st.id, "active": True,
        })
        self.qual_rows.extend({"person_id": pid, "qualification_id": self.ids.qual[q]} for q in sorted(quals))
        return _Person(pid, staff_no, position, quals)

    def _vehicle(self, st: _Station, type_code: str, number: int, crewed: bool) -> tuple[int, str]:
        self.plate_seq += 1
        plate = f"京X·{self.plate_seq:04d}应急"
        short_type = self.ids.vtype_name[type_code].removesuffix("消防车").removesuffix("车")
        water, foam, powder = self.ids.vtype_loads[type_code]
        v = Vehicle(plate=plate, call_sign=f"{st.short}{number}号{short_type}", type_id=self.ids.vtype[type_code],
                    station_id=st.id, seats=self.ids.vtype_seats[type_code], water_t=water, foam_t=foam,
                    powder_kg=powder,
                    status="in_service" if crewed else self.rng.choice(["in_service", "reserve"]))
        self.s.add(v)
        self.s.flush()
        self.stats.vehicles += 1
        return v.id, plate

    def _staff_office(self, st: _Station) -> None:
        """A detachment's staff: its leaders take turns as 支队值班领导, four command-centre duty officers
        as 支队总值班."""
        for title, rank in (("支队长", "二级指挥长"), ("政委", "二级指挥长"), ("副支队长", "三级指挥长"),
                            ("参谋长", "三级指挥长")):
            st.officers.append(self._person(st, title, {ref.COMMAND}, officer_rank=rank))
        for _ in range(4):
            st.watchers.append(self._person(st, "指挥中心值班员", {ref.COMMAND, "通信"}, officer_rank="二级指挥员"))

    def _staff_station(self, st: _Station) -> None:
        officer_titles = ["站长", "指导员", "副站长"] if st.grade != "small" else ["站长", "副站长"]
        for title in officer_titles:
            rank = "三级指挥员" if title != "副站长" else "四级指挥员"
            quals = {ref.COMMAND, "空呼"} | ({ref.DRIVING} if title == "副站长" else set())
            st.officers.append(self._person(st, title, quals, officer_rank=rank))
        template = TEMPLATES[self.scale][st.grade]
        for number, (code, crew) in enumerate(template, start=1):
            vid, plate = self._vehicle(st, code, number, crew > 0)
            st.vehicles.append((vid, plate, code, crew))
        st.crews = [[] for _ in range(WATCHES)]
        for watch in range(WATCHES):
            first_pump = True
            for vid, plate, code, crew in st.vehicles:
                if crew == 0:
                    continue
                aerial = code in ("DG", "YT", "JP")
                driver_quals = {ref.DRIVING} | ({ref.AERIAL_OPERATION} if aerial else set())
                members = [(self._person(st, "战斗班长", {ref.COMMAND, "空呼", "破拆"}), "commander"),
                           (self._person(st, "驾驶员", driver_quals), "driver")]
                for k in range(crew - 2):
                    quals = {"空呼"} | set(self.rng.sample(["绳索救援", "水域救援", "高层救援", "破拆"], 2))
                    if aerial:
                        quals.add(ref.AERIAL_OPERATION)
                    if k == 0 and self.rng.random() < 0.5:
                        quals.add(ref.DRIVING)  # spare drivers
                    members.append((self._person(st, "战斗员", quals), "firefighter"))
                if first_pump and code in PUMPS:
                    members.append((self._person(st, "通信员", {"通信"}, female=self.rng.random() < 0.3),
                                    "signaller"))
                    first_pump = False
                st.crews[watch].append(_Crew(vid, plate, code, members))
        st.free = list(range(len(st.crews[0])))

    def _absences(self) -> None:
        """Leave, sickness and training for firefighters beyond a crew's minimum, and for officers."""
        rows = []
        kinds = [("holiday", 5, 10), ("sick", 1, 3), ("training", 3, 7), ("errand", 1, 2)]
        for st in self.stations:
            if st.grade == "office":  # the detachment's leaders keep their duty turns in the demo
                continue
            candidates = [p for p in st.officers]
            for watch in st.crews:
                for crew in watch:
                    minimum = 4 if crew.type_code in PUMPS else 2
                    ffs = [p for p, role in crew.members if role in ("firefighter", "signaller")]
                    spare = len(crew.members) - minimum
                    candidates.extend(ffs[:max(spare, 0)])
            for person in candidates:
                if self.rng.random() >= 0.12:
                    continue
                kind, lo, hi = self.rng.choice(kinds)
                length = self.rng.randint(lo, hi)
                first = self.rng.choice(self.days)
                last = min(first + dt.timedelta(days=length - 1), self.days[-1])
                self.absences.setdefault(person.id, []).append((first, last, kind))
                # Leave runs from one handover to another, as duty days do.
                rows.append({"person_id": person.id, "kind": kind, "note": "",
                             "start": dt.datetime.combine(first, HANDOVER),
                             "end": dt.datetime.combine(last + dt.timedelta(days=1), HANDOVER)})
        if rows:
            self.s.execute(insert(Absence.__table__), rows)

    def _absent(self, person_id: int, day: dt.date) -> bool:
        return any(a <= day <= b for a, b, _ in self.absences.get(person_id, ()))

    # -- rosters ----------------------------------------------------------------------------------
    def _duty(self, person: _Person, code: str, day: dt.date, *, station_id=None, post_id=None,
              vehicle_id=None, role=None, start_time: dt.time | None = None, hours: int | None = None) -> dict:
        shift_start, shift_hours = {"值": (HANDOVER, 24), "白": (HANDOVER, 12), "夜": (dt.time(20), 12),
                                    "休": (dt.time(0), 24)}[code]
        begin = dt.datetime.combine(day, start_time or shift_start)
        return {"person_id": person.id, "start": begin, "end": begin + dt.timedelta(hours=hours or shift_hours),
                "shift_type_id": self.ids.shift[code], "station_id": station_id, "post_id": post_id,
                "vehicle_id": vehicle_id, "role": role}

    def _station_duties(self) -> tuple[list[dict], list[dict]]:
        """Every person's roster cell of every day: 值 on their watch's day, 休 otherwise."""
        duties: list[dict] = []
        self.cell: dict[tuple[int, dt.date], int] = {}  # (person, day) -> index in duties
        for st in self.stations:
            for i, day in enumerate(self.days):
                on_watch = (i + st.offset) % WATCHES
                for officers in (st.officers, st.watchers):
                    for k, officer in enumerate(officers):
                        if self._absent(officer.id, day):
                            continue
                        code = "值" if (i + st.offset) % len(officers) == k else "休"
                        self.cell[officer.id, day] = len(duties)
                        duties.append(self._duty(officer, code, day, station_id=st.id))
                for watch, crews in enumerate(st.crews):
                    for crew in crews:
                        for person, role in crew.members:
                            if self._absent(person.id, day):
                                continue
                            self.cell[person.id, day] = len(duties)
                            if watch == on_watch:
                                duties.append(self._duty(person, "值", day, station_id=st.id,
                                                         vehicle_id=crew.vehicle_id, role=role))
                            else:
                                duties.append(self._duty(person, "休", day, station_id=st.id))
        return duties, []

    # -- the security task ------------------------------------------------------------------------
    def _operation(self, duties: list[dict]) -> tuple[list[dict], int]:
        if self.scale == "city":
            op_days = self.days
        else:
            # Eleven days, like the two sessions; when the demo covers today, today is the task's
            # fourth day, so a newcomer sees posts staffed right now.
            length = min(11, len(self.days))
            first = 4
            if self.days[0] <= dutyday.today() <= self.days[-1]:
                first = (dutyday.today() - self.days[0]).days - 3
            first = max(0, min(first, len(self.days) - length))
            op_days = self.days[first:first + length]
        first, last = op_days[0], op_days[-1]
        op = Operation(name=OPERATION_NAME, start_date=first, end_date=last, readiness="level3",
                       remarks="演示数据：两会期间驻地、会场、新闻中心及沿线消防安保。")
        self.s.add(op)
        self.s.flush()
        self.operation_id = op.id
        self.operation_first = first
        # Posts that need two crews (day and night) are placed first, while stations still have them;
        # the city's invented posts (no detachment yet) go where crews are left.
        venues = sorted(self._venues(), key=lambda v: (v[0] is None, POST_KINDS[v[2]][2] != "day_night"))
        deployments: list[dict] = []
        by_det: dict[str, list[_Station]] = {}
        for st in self.stations:
            by_det.setdefault(st.det_code, []).append(st)
        self.post_staff: list[tuple[int, str, _Station]] = []
        invented: dict[str, int] = {}
        for n, (det_code, name, kind, address) in enumerate(venues, start=1):
            post_type, mode, rotation, vreqs, min_people = POST_KINDS[kind]
            if det_code is None:
                det_code = max(by_det, key=lambda d: (sum(self._spare(st, rotation) for st in by_det[d]), d))
                invented[det_code] = invented.get(det_code, 0) + 1
                short = next(s for c, _, s in ref.DETACHMENTS if c == det_code)
                name, address = f"{short}{name}{invented[det_code]:02d}", f"{short}区"
            st, day_idx, night_idx = self._dispatching_station(by_det[det_code], rotation)
            min_people = min(min_people, len(st.crews[0][day_idx].members))
            day_type = st.crews[0][day_idx].type_code
            code = f"{det_code}-{sum(1 for p in self.post_staff if p[1].startswith(det_code + '-')) + 1:02d}"
            post = Post(
                operation_id=op.id, code=code, name=name, post_type=post_type, duty_mode=mode,
                detachment_id=st.det_id, station_id=st.id, address=address,
                radio_channel=f"{det_code}-{(n % 8) + 1}信道", arrival_minutes=self.rng.choice([1, 3, 5]),
                active_from=dt.datetime.combine(first, HANDOVER),
                active_to=dt.datetime.combine(last + dt.timedelta(days=1), HANDOVER),
                rotation=rotation, handover_time=HANDOVER, min_people=min_people, needs_commander=True,
                remarks="",
            )
            self.s.add(post)
            self.s.flush()
            for _tcode, count in vreqs:
                # The requirement names the type the dispatching station actually sends.
                self.s.add(PostVehicleRequirement(post_id=post.id, vehicle_type_id=self.ids.vtype[day_type],
                                                  count=count))
            if kind == "venue":
                self.s.execute(insert(post_qualification), [{"post_id": post.id,
                                                             "qualification_id": self.ids.qual["破拆"]}])
            self.post_staff.append((post.id, code, st))
            for day in op_days:
                i = self.days.index(day)
                watch = st.crews[(i + st.offset) % WATCHES]
                crew = watch[day_idx]
                day_start = dt.datetime.combine(day, HANDOVER)
                deployments.append({"vehicle_id": crew.vehicle_id, "start": day_start,
                                    "end": day_start + dt.timedelta(days=1), "post_id": post.id,
                                    "station_id": None})
                if night_idx is None:
                    self._move_crew(duties, crew, day, "值", post.id, crew.vehicle_id)
                else:
                    # The day crew rides the post vehicle 08-20; the crew of another of the station's
                    # vehicles takes the night on the same vehicle, and its own vehicle stays home.
                    self._move_crew(duties, crew, day, "白", post.id, crew.vehicle_id)
                    self._move_crew(duties, watch[night_idx], day, "夜", post.id, crew.vehicle_id)
        self.s.flush()
        return deployments, len(venues)

    def _move_crew(self, duties, crew: _Crew, day, code, post_id, vehicle_id) -> None:
        for person, role in crew.members:
            index = self.cell.get((person.id, day))
            if index is None:  # absent that day
                continue
            duties[index] = self._duty(person, code, day, post_id=post_id, vehicle_id=vehicle_id, role=role)

    def _take(self, st: _Station, rotation: str) -> tuple[int, int | None] | None:
        """The crews a station would send to a post (day, night), or None when it must keep them."""
        pumps = [i for i in st.free if st.crews[0][i].type_code in PUMPS]
        if not pumps:
            return None
        day_idx = next((i for i in pumps if st.crews[0][i].type_code == "SG"), pumps[0])
        night_idx = None
        if rotation != "24h":
            rest = [i for i in st.free if i != day_idx]
            if not rest:
                return None
            night_idx = ([i for i in rest if st.crews[0][i].type_code in PUMPS] or rest)[-1]
        left = [i for i in st.free if i not in (day_idx, night_idx)]
        min_people, min_vehicles = ref.STATION_MINIMUMS[st.grade]
        people = 1 + sum(len(st.crews[0][i].members) for i in left)  # the duty leader and the crews at home
        if people < min_people or len(left) < min_vehicles or not any(
                st.crews[0][i].type_code in PUMPS for i in left):
            return None
        return day_idx, night_idx

    def _spare(self, st: _Station, rotation: str) -> int:
        """How many people the station keeps at home after sending crews to one more post (-1: cannot)."""
        taken = self._take(st, rotation)
        if taken is None:
            return -1
        return sum(len(st.crews[0][i].members) for i in st.free if i not in taken)

    def _dispatching_station(self, stations: list[_Station], rotation: str) -> tuple[_Station, int, int | None]:
        """The station that keeps the most people at home after sending its crews; never below its minimum."""
        best = max(stations, key=lambda s: (self._spare(s, rotation), -s.posts_taken, -s.id))
        taken = self._take(best, rotation)
        if taken is None:
            raise RuntimeError(f"no crew left for a post in {best.det_code}")
        day_idx, night_idx = taken
        best.free.remove(day_idx)
        if night_idx is not None:
            best.free.remove(night_idx)
        best.posts_taken += 1
        return best, day_idx, night_idx

    def _venues(self) -> list[tuple[str | None, str, str, str]]:
        """The posts: DOMAIN.md's venues, and for the city invented ones up to 150 (no detachment yet)."""
        venues: list[tuple[str | None, str, str, str]] = [
            (det, name, kind, addr) for det, items in VENUES.items() for name, kind, addr in items]
        if self.scale == "city":
            kinds = ["hotel", "hotel", "route", "utility", "venue", "press"]
            labels = {"hotel": "代表驻地", "route": "巡查线路", "utility": "五供保障点", "venue": "分会场",
                      "press": "新闻分中心"}
            for n in range(150 - len(venues)):
                kind = kinds[n % len(kinds)]
                venues.append((None, labels[kind], kind, ""))
        return venues

    # -- the duty book ----------------------------------------------------------------------------
    def _assignments(self, duties: list[dict]) -> None:
        """Each station day's 带班领导 (its officer on duty), 站内值班 (a squad leader on duty at the
        station) and 通信值班 (its signaller on duty); each office day's 支队值班领导 and 支队总值班.
        One station day of the task is left without a duty leader, a problem planted on purpose."""
        on_duty = self.ids.shift["值"]
        officers = {p.id for st in self.stations for p in st.officers}
        watchers = {p.id for st in self.stations for p in st.watchers}
        by_day: dict[tuple[int, dt.date], list[dict]] = {}
        for d in duties:
            if d is not None and d["station_id"] is not None and d["shift_type_id"] == on_duty:
                by_day.setdefault((d["station_id"], d["start"].date()), []).append(d)
        skip = None
        if self.post_staff:
            st = self.post_staff[0][2]
            skip = (st.id, self.days[min(len(self.days) - 1, self.days.index(self.operation_first) + 1)])
        rows = []
        for (sid, day), here in sorted(by_day.items()):
            def first(test, _here=here):
                return next((d["person_id"] for d in _here if test(d)), None)

            if sid in self.offices:
                picks = {"det_leader": first(lambda d: d["person_id"] in officers),
                         "det_chief": first(lambda d: d["person_id"] in watchers)}
            else:
                # The officer on duty leads; when the one whose turn it is is away, a squad leader
                # on duty with 指挥员资格 does (every demo squad leader has it).
                leader = first(lambda d: d["person_id"] in officers) or first(lambda d: d["role"] == "commander")
                # At a small station whose squad leader leads that day, a firefighter keeps the station's watch.
                picks = {"leader": leader,
                         "officer": first(lambda d, _l=leader: d["role"] == "commander" and d["person_id"] != _l)
                         or first(lambda d, _l=leader: d["role"] == "firefighter" and d["person_id"] != _l),
                         "dispatch": first(lambda d: d["role"] == "signaller")
                         or first(lambda d: d["role"] == "firefighter")}
                if (sid, day) == skip and picks["leader"] is not None:
                    # The station's day has nobody to lead it: the problem names the station, not a person.
                    self.stats.planted.append(Planted("no_duty_leader", day))
                    picks["leader"] = None
            rows += [{"station_id": sid, "day": day, "role": role, "person_id": pid}
                     for role, pid in picks.items() if pid is not None]
        if rows:
            self.s.execute(insert(DutyAssignment.__table__), rows)

    def _handovers(self) -> None:
        """The handover record of every station day already past: what a duty leader writes."""
        today = dutyday.today()
        rows = []
        for st in self.stations:
            if st.grade == "office":
                continue
            for day in self.days:
                if day >= today:
                    break
                rows.append({
                    "station_id": st.id, "day": day, "handed_over_at": HANDOVER,
                    "vehicles": "执勤车辆车况良好，油料、水、泡沫满载。",
                    "equipment": self.rng.choice(["器材齐全完好。", "空气呼吸器气瓶已充满，器材齐全。",
                                                  "破拆工具组检查完毕，一台液压扩张器送修。"]),
                    "comms": self.rng.choice(["电台、对讲机通信畅通。", "通信畅通，备用电池已充电。"]),
                    "safety": "营区水电气安全，门岗正常。",
                    "notes": self.rng.choice(["", "", "辖区重点单位熟悉计划按时开展。", "上级通知：加强夜间战备值守。"]),
                })
        if rows:
            self.s.execute(insert(Handover.__table__), rows)

    # -- shift swaps ------------------------------------------------------------------------------
    def _state(self, duties: list[dict], person_id: int, day: dt.date) -> str | None:
        """A person's roster cell as the swaps see it: "duty", "off", "post", or None (absent, or no day)."""
        index = self.cell.get((person_id, day))
        if index is None or duties[index] is None:
            return None
        duty = duties[index]
        if duty["post_id"] is not None:
            return "post"
        return "off" if duty["shift_type_id"] == self.ids.shift["休"] else "duty"

    def _may_take(self, duties: list[dict], person_id: int, day: dt.date, gives: dt.date | None = None) -> bool:
        """Whether the person is off on ``day`` with no duty on the day before or after (``gives`` aside):
        taking that day's duty leaves them a rest after it, so the swap creates no error."""
        if self._state(duties, person_id, day) != "off":
            return False
        return all(self._state(duties, person_id, near) in ("off", None) or near == gives
                   for near in (day - dt.timedelta(days=1), day + dt.timedelta(days=1)))

    def _hand_over(self, duties: list[dict], giver: int, taker: int, day: dt.date) -> None:
        """The giver's duty of the day becomes the taker's, the taker's 休 the giver's (grid cells swap)."""
        given, off = self.cell[giver, day], self.cell[taker, day]
        duties[given]["person_id"], duties[off]["person_id"] = taker, giver
        self.cell[taker, day], self.cell[giver, day] = given, off

    def _swaps(self, duties: list[dict]) -> None:
        """A few shift swaps between station officers, a stand-in paid back and stand-ins still owed at
        the staff offices, made on the generated duties and recorded, so that none creates an error."""
        busy = {d["person_id"] for d in duties if d is not None and d["post_id"] is not None}
        staff = {r["id"]: r["staff_no"] for r in self.person_rows}
        planted = {no for p in self.stats.planted for no in p.people}
        busy |= {pid for pid, no in staff.items() if no in planted}
        middle = len(self.days) // 3
        reasons = ["家中有事", "子女入学报名", "就医复查", "参加业务考试"]

        def record(st: _Station, kind: str, a: int, day_a: dt.date, b: int, day_b: dt.date | None,
                   approver: _Person, settles: int | None = None) -> int:
            row = ShiftSwap(station_id=st.id, kind=kind, person_a_id=a, day_a=day_a, person_b_id=b, day_b=day_b,
                            shift_type_id=self.ids.shift["值"],
                            reason="还班" if kind == "payback" else reasons[len(self.swap_ids) % len(reasons)],
                            approver_id=approver.id, approver_text="", settles_id=settles,
                            recorded_at=dt.datetime.combine(min(day_a, day_b or day_a) - dt.timedelta(days=1),
                                                            dt.time(16, 30)))
            self.s.add(row)
            self.s.flush()
            self.swap_ids.append(row.id)
            return row.id

        self.swap_ids: list[int] = []
        # 换班: an officer on duty gives the day to the one on duty the day after, and takes his.
        done = 0
        for st in self.stations:
            if done == 2 or st.grade == "office" or len(st.officers) < 3:
                continue
            people = [p for p in st.officers if p.id not in busy]
            pair = next(((a, b, day) for day in self.days[middle:-2] for a in people for b in people
                         if a is not b and self._state(duties, a.id, day) == "duty"
                         and self._state(duties, b.id, day + dt.timedelta(days=1)) == "duty"
                         and self._may_take(duties, b.id, day, gives=day + dt.timedelta(days=1))
                         and self._may_take(duties, a.id, day + dt.timedelta(days=1), gives=day)), None)
            if pair is None:
                continue
            a, b, day = pair
            later = day + dt.timedelta(days=1)
            self._hand_over(duties, a.id, b.id, day)
            self._hand_over(duties, b.id, a.id, later)
            approver = next(p for p in st.officers if p is not a and p is not b)
            record(st, "swap", a.id, day, b.id, later, approver)
            done += 1
        # 替班 at the staff offices: one paid back (还班) later, the others still owed.
        offices = [st for st in self.stations if st.grade == "office" and len(st.watchers) >= 3]
        for n, st in enumerate(offices[:3]):
            people = [p for p in st.watchers if p.id not in busy]
            pair = next(((a, b, day) for day in self.days[middle + n:-1] for a in people for b in people
                         if a is not b and self._state(duties, a.id, day) == "duty"
                         and self._may_take(duties, b.id, day)), None)
            if pair is None:
                continue
            a, b, day = pair
            self._hand_over(duties, a.id, b.id, day)
            cover_id = record(st, "cover", a.id, day, b.id, None, st.officers[0])
            if n == 0:  # paid back: a takes one of b's duties later
                back = next((d for d in self.days[self.days.index(day) + 2:]
                             if self._state(duties, b.id, d) == "duty" and self._may_take(duties, a.id, d)), None)
                if back is not None:
                    self._hand_over(duties, b.id, a.id, back)
                    record(st, "payback", b.id, back, a.id, None, st.officers[0], settles=cover_id)

    # -- planted problems -------------------------------------------------------------------------
    def _plant(self, duties: list[dict], deployments: list[dict]) -> None:
        post_id, post_code, st = self.post_staff[0]
        op_first = next(d["start"].date() for d in deployments if d["post_id"] == post_id)
        staff_by_id = {r["id"]: r["staff_no"] for r in self.person_rows}

        # 1. A double-booked person: a firefighter on 24 h duty at a station is also put on a post's day shift.
        home = next(s for s in self.stations if s is not st and s.grade != "small" and len(s.free) >= 2)
        day = op_first + dt.timedelta(days=1)
        i = self.days.index(day)
        crew = home.crews[(i + home.offset) % WATCHES][home.free[0]]
        person = next(p for p, role in crew.members if role == "firefighter" and (p.id, day) in self.cell)
        duties.append(self._duty(person, "白", day, post_id=post_id, role="firefighter"))
        self.stats.planted.append(Planted("person_overlap", day, people=(staff_by_id[person.id],)))

        # 2. A driver without 消防车驾驶: on one day a firefighter who never learned to drive takes the wheel.
        crew_no = next(k for k, c in enumerate(home.crews[0]) if k > 0 and c.type_code in PUMPS)
        for day in self.days[self.days.index(op_first) + 2:]:
            i = self.days.index(day)
            crew = home.crews[(i + home.offset) % WATCHES][crew_no]
            driver = next(p for p, role in crew.members if role == "driver")
            stand_in = next(p for p, role in crew.members
                            if role == "firefighter" and ref.DRIVING not in p.quals)
            if (stand_in.id, day) in self.cell and (driver.id, day) in self.cell:
                break
        duties[self.cell[driver.id, day]]["role"] = "firefighter"
        duties[self.cell[stand_in.id, day]]["role"] = "driver"
        self.stats.planted.append(Planted("missing_qualification", day, people=(staff_by_id[stand_in.id],),
                                          vehicles=(crew.plate,)))

        # 3. An uncovered post window: one day of the last post has nobody and no vehicle.
        post_id3, code3, st3 = self.post_staff[-1]
        day = op_first + dt.timedelta(days=3)
        day_start = dt.datetime.combine(day, HANDOVER)
        deployments[:] = [d for d in deployments if not (d["post_id"] == post_id3 and d["start"] == day_start)]
        i = self.days.index(day)
        for crew in st3.crews[(i + st3.offset) % WATCHES]:
            for person, role in crew.members:
                index = self.cell.get((person.id, day))
                if index is not None and duties[index]["post_id"] == post_id3:
                    duties[index] = self._duty(person, "值", day, station_id=st3.id, vehicle_id=crew.vehicle_id,
                                               role=role)
        self.stats.planted.append(Planted("post_uncovered", day, posts=(code3,)))

        # 4. A vehicle deployed during its maintenance: the first post's vehicle goes to the workshop for a day.
        dep = next(d for d in deployments if d["post_id"] == post_id and d["start"].date() == op_first)
        plate = next(p for s in self.stations for v, p, _c, _n in s.vehicles if v == dep["vehicle_id"])
        self.s.execute(insert(Maintenance.__table__), [{
            "vehicle_id": dep["vehicle_id"], "start": dep["start"] + dt.timedelta(hours=2),
            "end": dep["start"] + dt.timedelta(hours=10), "reason": "制动系统检修"}])
        self.stats.planted.append(Planted("vehicle_unavailable", op_first, vehicles=(plate,), posts=(post_code,)))
        # A reserve vehicle's routine service, harmless.
        for st_ in self.stations[:6]:
            vid = next((v for v, _p, _c, n in st_.vehicles if n == 0), None)
            if vid is not None:
                begin = dt.datetime.combine(self.days[len(self.days) // 2], dt.time(9))
                self.s.execute(insert(Maintenance.__table__), [{
                    "vehicle_id": vid, "start": begin, "end": begin + dt.timedelta(days=2), "reason": "例行保养"}])
