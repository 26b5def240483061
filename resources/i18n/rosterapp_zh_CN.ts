<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../rosterapp/ui/main_window.py" line="92"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/main_window.py" line="101"/>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/main_window.py" line="106"/>
        <source>Read the counts again from the database</source>
        <translation>从数据库重新读取统计数</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/main_window.py" line="109"/>
        <source>&amp;About rosterapp</source>
        <translation>关于 rosterapp(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/main_window.py" line="116"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/main_window.py" line="119"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/main_window.py" line="122"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/main_window.py" line="147"/>
        <source>Overview</source>
        <translation>概况</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/main_window.py" line="163"/>
        <source>Database: {location}</source>
        <translation>数据库：{location}</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/main_window.py" line="222"/>
        <source>Stations: {stations}   People: {people}   Vehicles: {vehicles}   On duty today: {on_duty}   At posts: {at_posts}</source>
        <translation>消防救援站：{stations}&#x3000;&#x3000;人员：{people}&#x3000;&#x3000;车辆：{vehicles}&#x3000;&#x3000;今日执勤：{on_duty}&#x3000;&#x3000;点位执勤：{at_posts}</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/main_window.py" line="273"/>
        <source>&lt;h3&gt;rosterapp {version}&lt;/h3&gt;&lt;p&gt;Duty rosters and security-task plans for Beijing&apos;s six urban fire detachments.&lt;/p&gt;&lt;p&gt;Database: {database}&lt;br&gt;Log file: {log}&lt;/p&gt;</source>
        <translation>&lt;h3&gt;rosterapp {version}&lt;/h3&gt;&lt;p&gt;北京城六区消防救援支队执勤排班与安保勤务计划。&lt;/p&gt;&lt;p&gt;数据库：{database}&lt;br&gt;日志文件：{log}&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/main_window.py" line="278"/>
        <source>About rosterapp</source>
        <translation>关于 rosterapp</translation>
    </message>
</context>
<context>
    <name>NavigatorModel</name>
    <message>
        <location filename="../../rosterapp/ui/navigator.py" line="39"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/navigator.py" line="39"/>
        <source>Unit or security task</source>
        <translation>单位或保卫任务</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/navigator.py" line="40"/>
        <source>People</source>
        <translation>人员</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/navigator.py" line="40"/>
        <source>Active people</source>
        <translation>在册人员</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/navigator.py" line="41"/>
        <source>Vehicles</source>
        <translation>车辆</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/navigator.py" line="41"/>
        <source>Active vehicles</source>
        <translation>在用车辆</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/navigator.py" line="42"/>
        <source>On duty</source>
        <translation>执勤</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/navigator.py" line="43"/>
        <source>People on duty on the current duty day</source>
        <translation>本执勤日在岗人数</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/navigator.py" line="100"/>
        <source>Beijing Fire and Rescue Corps</source>
        <translation>北京市消防救援总队</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/navigator.py" line="116"/>
        <source>Security tasks ({count})</source>
        <translation>保卫任务（{count}）</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/navigator.py" line="119"/>
        <source>{start} to {end}, {readiness}</source>
        <translation>{start} 至 {end}，{readiness}</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/navigator.py" line="122"/>
        <source>{name} ({posts} posts)</source>
        <translation>{name}（{posts} 个点位）</translation>
    </message>
</context>
<context>
    <name>OverviewModel</name>
    <message>
        <location filename="../../rosterapp/ui/overview.py" line="41"/>
        <source>Detachment</source>
        <translation>支队</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/overview.py" line="42"/>
        <source>Station</source>
        <translation>消防救援站</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/overview.py" line="42"/>
        <source>Fire station</source>
        <translation>消防救援站</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/overview.py" line="43"/>
        <source>Grade</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/overview.py" line="43"/>
        <source>Station grade</source>
        <translation>消防救援站类别</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/overview.py" line="44"/>
        <source>People</source>
        <translation>人员</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/overview.py" line="45"/>
        <source>Active people on the station&apos;s register</source>
        <translation>本站在册人员</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/overview.py" line="46"/>
        <source>Vehicles</source>
        <translation>车辆</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/overview.py" line="47"/>
        <source>Active vehicles of the station</source>
        <translation>本站在用车辆</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/overview.py" line="48"/>
        <source>On duty today</source>
        <translation>今日执勤</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/overview.py" line="49"/>
        <source>The station&apos;s people on duty this duty day, at the station or at posts</source>
        <translation>本站人员本执勤日在岗人数（含在站和在点位）</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/overview.py" line="50"/>
        <source>At posts today</source>
        <translation>今日点位执勤</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/overview.py" line="51"/>
        <source>Of those on duty, the people standing at security-task posts</source>
        <translation>执勤人员中在保卫任务点位执勤的人数</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/overview.py" line="52"/>
        <source>Vehicles at posts</source>
        <translation>点位车辆</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/overview.py" line="53"/>
        <source>The station&apos;s vehicles deployed at security-task posts this duty day</source>
        <translation>本执勤日部署在保卫任务点位的本站车辆</translation>
    </message>
</context>
<context>
    <name>OverviewPage</name>
    <message>
        <location filename="../../rosterapp/ui/overview.py" line="187"/>
        <source>No people or vehicles are registered in this database yet.</source>
        <translation>本数据库尚未登记人员和车辆。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/overview.py" line="288"/>
        <source>{scope} — duty day {date}</source>
        <translation>{scope} — {date} 执勤日</translation>
    </message>
</context>
<context>
    <name>application</name>
    <message>
        <location filename="../../rosterapp/ui/application.py" line="85"/>
        <source>rosterapp — cannot open the database</source>
        <translation>rosterapp — 无法打开数据库</translation>
    </message>
</context>
<context>
    <name>crash</name>
    <message>
        <location filename="../../rosterapp/ui/crash.py" line="23"/>
        <source>An unexpected error occurred: {error}
The program may not work correctly until it is restarted.</source>
        <translation>发生意外错误：{error}
重新启动程序之前，部分功能可能无法正常工作。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/crash.py" line="29"/>
        <source>No log file could be written.</source>
        <translation>无法写入日志文件。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/crash.py" line="31"/>
        <source>The details were written to the log file:
{path}
Please send this file to whoever maintains rosterapp.</source>
        <translation>详细信息已写入日志文件：
{path}
请将该文件发送给 rosterapp 的维护人员。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/crash.py" line="42"/>
        <source>rosterapp — unexpected error</source>
        <translation>rosterapp — 意外错误</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/crash.py" line="46"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
</context>
</TS>
