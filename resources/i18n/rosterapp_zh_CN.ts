<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AuditActions</name>
    <message>
        <location filename="../../rosterapp/ui/audit_view.py" line="804"/>
        <source>This person&apos;s edit history…</source>
        <translation>此人的修改记录…</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/audit_view.py" line="805"/>
        <source>&amp;Edit history…</source>
        <translation>修改记录(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/audit_view.py" line="806"/>
        <source>Who changed what and when; revert an entry or a whole edit</source>
        <translation>查看谁在何时修改了什么；可还原单条记录或整次修改</translation>
    </message>
</context>
<context>
    <name>AuditModel</name>
    <message>
        <location filename="../../rosterapp/ui/audit_view.py" line="159"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/audit_view.py" line="159"/>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/audit_view.py" line="159"/>
        <source>Edit</source>
        <translation>所属修改</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/audit_view.py" line="159"/>
        <source>Action</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/audit_view.py" line="159"/>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/audit_view.py" line="160"/>
        <source>Fields</source>
        <translation>字段</translation>
    </message>
</context>
<context>
    <name>AuditWindow</name>
    <message>
        <location filename="../../rosterapp/ui/audit_view.py" line="433"/>
        <location filename="../../rosterapp/ui/audit_view.py" line="717"/>
        <source>Everyone</source>
        <translation>全部用户</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/audit_view.py" line="462"/>
        <source>Nothing or more than one matches: pick one from the list</source>
        <translation>没有匹配项或匹配多项，请从列表中选择一项</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/audit_view.py" line="465"/>
        <source>Pick one from the list</source>
        <translation>请从列表中选择一项</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/audit_view.py" line="470"/>
        <source>Reading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/audit_view.py" line="509"/>
        <source>The edit history could not be read: {reason}</source>
        <translation>无法读取修改记录：{reason}</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/audit_view.py" line="518"/>
        <source>The newest {count} entries: narrow the filters to see older ones</source>
        <translation>最近的 {count} 条记录；缩小筛选范围可查看更早的记录</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/audit_view.py" line="521"/>
        <source>{count} entries</source>
        <translation>共 {count} 条记录</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/audit_view.py" line="544"/>
        <source>Select an entry to see its fields before and after.</source>
        <translation>选中一条记录，可查看其字段修改前后的内容。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/audit_view.py" line="549"/>
        <source>{record} — {action} by {user} at {at}, in the edit “{edit}”</source>
        <translation>{record} — {user} 于 {at} {action}，属于修改“{edit}”</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/audit_view.py" line="550"/>
        <source>{record} — {action} by {user} at {at}</source>
        <translation>{record} — {user} 于 {at} {action}</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/audit_view.py" line="566"/>
        <source>Revert</source>
        <translation>还原</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/audit_view.py" line="579"/>
        <source>{record} will be removed again (it was added).</source>
        <translation>{record} 是这次修改新增的，还原后将被删除。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/audit_view.py" line="581"/>
        <source>{record} will be made again as it was:</source>
        <translation>{record} 将按原样恢复：</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/audit_view.py" line="583"/>
        <source>{record} gets back what it held before:</source>
        <translation>{record} 将恢复为修改前的内容：</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/audit_view.py" line="584"/>
        <source>Revert this change, made by {user} at {at} in “{edit}”?</source>
        <translation>是否还原 {user} 于 {at} 在“{edit}”中所做的这项修改？</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/audit_view.py" line="587"/>
        <location filename="../../rosterapp/ui/audit_view.py" line="721"/>
        <source>Revert entry</source>
        <translation>还原此条</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/audit_view.py" line="589"/>
        <source>Revert: {record}</source>
        <translation>还原：{record}</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/audit_view.py" line="604"/>
        <source>The edit “{edit}” changed {count} records: too many to revert here. To undo it, restore a backup made before it (File ▸ Restore from Backup…).</source>
        <translation>修改“{edit}”改动了 {count} 条记录，数量太多，无法在此还原。如需恢复，请用这次修改之前的备份恢复（文件 → 从备份恢复…）。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/audit_view.py" line="609"/>
        <source>… and {count} more</source>
        <translation>……另有 {count} 条</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/audit_view.py" line="610"/>
        <source>Revert the whole edit “{edit}”, made by {user} at {at}? Everything it changed is put back as it was before ({count} records):</source>
        <translation>是否还原 {user} 于 {at} 所做的整次修改“{edit}”？这次修改改动的全部内容（{count} 条记录）都将恢复原样：</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/audit_view.py" line="614"/>
        <source>So many records take a while (minutes for an import of thousands); undoing the revert takes as long.</source>
        <translation>记录较多，还原需要一些时间（导入几千条记录的修改可能需要几分钟）；撤销这次还原也需要同样长的时间。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/audit_view.py" line="616"/>
        <location filename="../../rosterapp/ui/audit_view.py" line="723"/>
        <source>Revert whole edit</source>
        <translation>还原整次修改</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/audit_view.py" line="618"/>
        <source>Revert: {edit}</source>
        <translation>还原：{edit}</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/audit_view.py" line="667"/>
        <source>Reverting {count} entries… (the window stays usable)</source>
        <translation>正在还原 {count} 条记录……（窗口可照常使用）</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/audit_view.py" line="673"/>
        <source>Reverted ({records} records). Ctrl+Z brings the edit back.</source>
        <translation>已还原（{records} 条记录）。按 Ctrl+Z 可撤销还原。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/audit_view.py" line="682"/>
        <source>Not changed: {reason}</source>
        <translation>未修改：{reason}</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/audit_view.py" line="686"/>
        <source>Not reverted</source>
        <translation>未还原</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/audit_view.py" line="706"/>
        <source>Edit history</source>
        <translation>修改记录</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/audit_view.py" line="707"/>
        <source>Person</source>
        <translation>人员</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/audit_view.py" line="707"/>
        <source>Vehicle</source>
        <translation>车辆</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/audit_view.py" line="707"/>
        <source>Post</source>
        <translation>点位</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/audit_view.py" line="708"/>
        <source>Station</source>
        <translation>消防救援站</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/audit_view.py" line="708"/>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/audit_view.py" line="708"/>
        <source>Days</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/audit_view.py" line="711"/>
        <source>Anyone (name, staff no. or pinyin initials)</source>
        <translation>全部人员（姓名、工号或拼音首字母）</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/audit_view.py" line="712"/>
        <source>Any vehicle (plate)</source>
        <translation>全部车辆（车牌号）</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/audit_view.py" line="713"/>
        <source>Any post (code or name)</source>
        <translation>全部点位（编号或名称）</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/audit_view.py" line="714"/>
        <source>Any station (name)</source>
        <translation>全部消防救援站（站名）</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/audit_view.py" line="718"/>
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/audit_view.py" line="719"/>
        <source>No edits recorded with these filters in these days.
Widen the days or clear the filters.</source>
        <translation>所选日期内没有符合筛选条件的修改记录。
可扩大日期范围或清除筛选。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/audit_view.py" line="722"/>
        <source>Put back this record&apos;s fields as they were before this change</source>
        <translation>将此条记录的字段恢复为这次修改之前的内容</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/audit_view.py" line="724"/>
        <source>Put back everything this edit changed, as one new edit</source>
        <translation>将这次修改改动的全部内容恢复原样，作为一次新的修改</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/audit_view.py" line="725"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>AutofillDialog</name>
    <message>
        <location filename="../../rosterapp/ui/roster/autofill.py" line="122"/>
        <source>{count} proposed entries were left out: they were edited since the proposal was made.</source>
        <translation>{count} 项建议未写入：方案生成后已被修改。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/autofill.py" line="319"/>
        <source>Fill automatically</source>
        <translation>自动排班</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/autofill.py" line="321"/>
        <source>What matters most (0–10)</source>
        <translation>侧重（0–10）</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/autofill.py" line="322"/>
        <source>Fairness</source>
        <translation>公平</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/autofill.py" line="323"/>
        <source>Continuity</source>
        <translation>连续性</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/autofill.py" line="324"/>
        <source>Few changes</source>
        <translation>少改动</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/autofill.py" line="325"/>
        <source>Duty hours, nights, weekends and holidays shared evenly within the station</source>
        <translation>站内值班时长、夜班、周末和节假日均衡分担</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/autofill.py" line="326"/>
        <source>Each person&apos;s usual rotation kept where possible</source>
        <translation>尽量保持每人原有的轮班规律</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/autofill.py" line="327"/>
        <source>Change as little as possible of what is entered</source>
        <translation>尽量少改动已录入的内容</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/autofill.py" line="328"/>
        <source>Also change existing 值/休</source>
        <translation>也可改动已有的值/休</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/autofill.py" line="329"/>
        <source>Without it, only empty cells are filled; every entry there is kept.</source>
        <translation>不勾选时只填空白格，已有内容一律保留。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/autofill.py" line="330"/>
        <source>Time limit</source>
        <translation>时限</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/autofill.py" line="331"/>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/autofill.py" line="332"/>
        <source>&amp;Start</source>
        <translation>开始(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/autofill.py" line="333"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/autofill.py" line="334"/>
        <source>Stop searching and keep the best proposal found so far</source>
        <translation>停止搜索，保留目前最好的方案</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/autofill.py" line="336"/>
        <source>On the grid, until you accept or discard, in italics: &lt;span style=&apos;background:{duty}&apos;&gt;&amp;nbsp;&lt;i&gt;值&lt;/i&gt;&amp;nbsp;&lt;/span&gt; &lt;span style=&apos;background:{off}&apos;&gt;&amp;nbsp;&lt;i&gt;休&lt;/i&gt;&amp;nbsp;&lt;/span&gt; proposed for an empty cell, &lt;span style=&apos;background:{changed}&apos;&gt;&amp;nbsp;&lt;i&gt;休&lt;/i&gt;&amp;nbsp;&lt;/span&gt; proposed instead of what is entered; &lt;span style=&apos;background:{leader}&apos;&gt;&amp;nbsp;&lt;i&gt;name&lt;/i&gt;&amp;nbsp;&lt;/span&gt; in the 带班领导 row: the proposed duty leader. Nothing is written yet.</source>
        <translation>接受或放弃之前，表格中以斜体显示：&lt;span style=&apos;background:{duty}&apos;&gt;&amp;nbsp;&lt;i&gt;值&lt;/i&gt;&amp;nbsp;&lt;/span&gt; &lt;span style=&apos;background:{off}&apos;&gt;&amp;nbsp;&lt;i&gt;休&lt;/i&gt;&amp;nbsp;&lt;/span&gt; 为空白格的建议，&lt;span style=&apos;background:{changed}&apos;&gt;&amp;nbsp;&lt;i&gt;休&lt;/i&gt;&amp;nbsp;&lt;/span&gt; 为替换已录入内容的建议；带班领导行中 &lt;span style=&apos;background:{leader}&apos;&gt;&amp;nbsp;&lt;i&gt;姓名&lt;/i&gt;&amp;nbsp;&lt;/span&gt; 为建议的带班领导。尚未写入任何内容。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/autofill.py" line="342"/>
        <source>People</source>
        <translation>人员</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/autofill.py" line="343"/>
        <source>Untick whom not to accept; double-click a person to see them in the grid</source>
        <translation>取消勾选不接受的人员；双击人员可在表格中查看</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/autofill.py" line="344"/>
        <source>Double-click a day to see it in the grid</source>
        <translation>双击某天可在表格中查看</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/autofill.py" line="345"/>
        <location filename="../../rosterapp/ui/roster/autofill.py" line="665"/>
        <source>Not filled</source>
        <translation>未排满</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/autofill.py" line="346"/>
        <source>Person (tick to accept)</source>
        <translation>人员（勾选以接受）</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/autofill.py" line="347"/>
        <source>Duty hours</source>
        <translation>值班时长</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/autofill.py" line="347"/>
        <source>Weekend days</source>
        <translation>周末天数</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/autofill.py" line="348"/>
        <source>Holidays</source>
        <translation>节假日</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/autofill.py" line="349"/>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/autofill.py" line="349"/>
        <source>Requirement</source>
        <translation>要求</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/autofill.py" line="349"/>
        <source>Missing</source>
        <translation>缺少</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/autofill.py" line="350"/>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/autofill.py" line="351"/>
        <source>&amp;Accept all</source>
        <translation>全部接受(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/autofill.py" line="352"/>
        <source>Accept the &amp;ticked people</source>
        <translation>接受勾选人员(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/autofill.py" line="353"/>
        <source>Accept the cells selected in the &amp;grid</source>
        <translation>接受表格中选中的格(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/autofill.py" line="354"/>
        <source>&amp;Discard</source>
        <translation>放弃(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/autofill.py" line="355"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/autofill.py" line="389"/>
        <source>Only the selected cells ({count})</source>
        <translation>只填所选格（{count} 格）</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/autofill.py" line="391"/>
        <source>Only the selected cells (select them in the grid)</source>
        <translation>只填所选格（请先在表格中选择）</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/autofill.py" line="395"/>
        <source>{station}, {first} to {last}</source>
        <translation>{station}，{first} 至 {last}</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/autofill.py" line="398"/>
        <source>: only the {count} selected cells</source>
        <translation>：只填所选的 {count} 格</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/autofill.py" line="400"/>
        <source>: the empty cells of its people</source>
        <translation>：该站人员的空白格</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/autofill.py" line="437"/>
        <source>Searching…</source>
        <translation>正在搜索…</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/autofill.py" line="447"/>
        <source>Stopping: keeping the best proposal so far…</source>
        <translation>正在停止：保留目前最好的方案…</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/autofill.py" line="464"/>
        <source>{count} solutions; finding out why some slots stay empty…</source>
        <translation>已找到 {count} 个方案；正在分析哪些空缺无法排满及原因…</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/autofill.py" line="467"/>
        <source>{seconds:.0f} s, {count} solutions found</source>
        <translation>{seconds:.0f} 秒，已找到 {count} 个方案</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/autofill.py" line="492"/>
        <source>No proposal</source>
        <translation>没有方案</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/autofill.py" line="494"/>
        <source>Stopped after {seconds:.1f} s: the best so far</source>
        <translation>{seconds:.1f} 秒后停止：目前最好的方案</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/autofill.py" line="497"/>
        <source>Done in {seconds:.1f} s</source>
        <translation>用时 {seconds:.1f} 秒</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/autofill.py" line="514"/>
        <source>Fill automatically: {cells} cells, {leaders} duty leaders of {station}</source>
        <translation>自动排班：{station} {cells} 格，带班领导 {leaders} 天</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/autofill.py" line="531"/>
        <source>Accepting all: {summary}</source>
        <translation>全部接受后：{summary}</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/autofill.py" line="552"/>
        <source>the best there is</source>
        <translation>最优</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/autofill.py" line="552"/>
        <source>the best found in the time</source>
        <translation>时限内找到的最好方案</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/autofill.py" line="553"/>
        <source>no proposal found</source>
        <translation>未找到方案</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/autofill.py" line="554"/>
        <source>Proposed cells: {duty} 值, {off} 休</source>
        <translation>建议填写：{duty} 个值，{off} 个休</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/autofill.py" line="556"/>
        <source> ({count} of them change what is entered)</source>
        <translation>（其中 {count} 格改动已录入内容）</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/autofill.py" line="557"/>
        <source>Duty-hours spread (most − least): {before:g} → {after:g} h</source>
        <translation>值班时长差（最多 − 最少）：{before:g} → {after:g} 小时</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/autofill.py" line="559"/>
        <source>Duty leaders proposed: {count}</source>
        <translation>建议带班领导：{count} 天</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/autofill.py" line="561"/>
        <source>Left short: {count} (see “Not filled”)</source>
        <translation>未排满：{count} 项（见“未排满”）</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/autofill.py" line="562"/>
        <source>Nothing left short.</source>
        <translation>全部排满。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/autofill.py" line="563"/>
        <source>Proposal: {status}, {seconds:.1f} s.</source>
        <translation>方案：{status}，{seconds:.1f} 秒。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/autofill.py" line="566"/>
        <source>{count} proposed cells were taken off: they were edited since.</source>
        <translation>{count} 个建议格已撤下：之后被修改过。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/autofill.py" line="575"/>
        <source>Stopped before any proposal was found: start again and let it run longer.</source>
        <translation>在找到方案之前已停止：请重新开始，多给一些时间。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/autofill.py" line="576"/>
        <source>No proposal was found in the time: try a longer time limit.</source>
        <translation>时限内未找到方案：请延长时限再试。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/autofill.py" line="578"/>
        <source>See “Not filled” for what cannot be filled.</source>
        <translation>无法排满的内容见“未排满”。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/autofill.py" line="664"/>
        <source>Not filled ({count})</source>
        <translation>未排满（{count}）</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/autofill.py" line="715"/>
        <source>Select proposed cells in the grid first.</source>
        <translation>请先在表格中选中建议的格。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/autofill.py" line="730"/>
        <source>Nothing was written: {reason}</source>
        <translation>未写入任何内容：{reason}</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/autofill.py" line="737"/>
        <source>Written as one step (Undo takes it back): {cells} cells, {leaders} duty leaders.</source>
        <translation>已作为一步写入（可撤销）：{cells} 格，带班领导 {leaders} 天。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/autofill.py" line="740"/>
        <source>{count} left out: they were edited since the proposal was made.</source>
        <translation>{count} 项未写入：方案生成后已被修改。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/autofill.py" line="760"/>
        <source>Discarded: nothing was written.</source>
        <translation>已放弃：未写入任何内容。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/autofill.py" line="830"/>
        <source>Fill &amp;automatically…</source>
        <translation>自动排班(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/autofill.py" line="831"/>
        <source>Fill the empty cells of the station shown (or the selected cells) with a proposal that keeps the rules; see it on the grid before accepting</source>
        <translation>按规则为当前站的空白格（或所选格）生成排班方案；接受前先在表格中查看</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/autofill.py" line="854"/>
        <source>Show a station&apos;s roster first (or click a cell of one of its people): the automatic fill works on its days.</source>
        <translation>请先显示一个站的排班表（或点击该站人员的一个格）：自动排班针对其日期。</translation>
    </message>
</context>
<context>
    <name>AvailabilityPanel</name>
    <message>
        <location filename="../../rosterapp/ui/boards/availability.py" line="322"/>
        <source>Vehicles free in this window</source>
        <translation>本时段可用车辆</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/boards/availability.py" line="323"/>
        <source>People free and rested</source>
        <translation>可用人员（空闲且休息充足）</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/boards/availability.py" line="324"/>
        <source>Drag people as</source>
        <translation>拖入人员担任</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/boards/availability.py" line="325"/>
        <source>Search name, staff no. or pinyin initials</source>
        <translation>姓名、工号或拼音首字母</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/boards/availability.py" line="326"/>
        <location filename="../../rosterapp/ui/boards/availability.py" line="327"/>
        <source>Put at window</source>
        <translation>派往该时段</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/boards/availability.py" line="328"/>
        <source>Add this crew</source>
        <translation>一并派出该班组</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/boards/availability.py" line="329"/>
        <source>Dismiss</source>
        <translation>忽略</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/boards/availability.py" line="336"/>
        <source>(no role)</source>
        <translation>（不指定岗位）</translation>
    </message>
</context>
<context>
    <name>AvailablePeopleModel</name>
    <message>
        <location filename="../../rosterapp/ui/boards/availability.py" line="152"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/boards/availability.py" line="152"/>
        <source>Station</source>
        <translation>消防救援站</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/boards/availability.py" line="153"/>
        <source>Hours</source>
        <translation>本月时长</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/boards/availability.py" line="153"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/boards/availability.py" line="168"/>
        <source>on duty, moves</source>
        <translation>在站执勤，随调</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/boards/availability.py" line="172"/>
        <source>officer</source>
        <translation>干部</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/boards/availability.py" line="179"/>
        <source>{name} ({staff_no}), {station}: {hours} h of duty this month</source>
        <translation>{name}（{staff_no}），{station}：本月已执勤 {hours} 小时</translation>
    </message>
</context>
<context>
    <name>AvailableVehiclesModel</name>
    <message>
        <location filename="../../rosterapp/ui/boards/availability.py" line="118"/>
        <source>Vehicle</source>
        <translation>车辆</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/boards/availability.py" line="118"/>
        <source>Type</source>
        <translation>车型</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/boards/availability.py" line="119"/>
        <source>Station</source>
        <translation>消防救援站</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/boards/availability.py" line="119"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/boards/availability.py" line="130"/>
        <source>needed type</source>
        <translation>所需车型</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/boards/availability.py" line="132"/>
        <source>crew on duty</source>
        <translation>有执勤班组</translation>
    </message>
</context>
<context>
    <name>BackupActions</name>
    <message>
        <location filename="../../rosterapp/ui/backup_actions.py" line="33"/>
        <source>&amp;Restore from Backup…</source>
        <translation>从备份恢复(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/backup_actions.py" line="35"/>
        <source>Put a copy kept beside the database in its place (the current file is kept aside first)</source>
        <translation>用数据库旁保存的备份替换当前数据库（当前文件会先另存一份）</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/backup_actions.py" line="45"/>
        <source>daily</source>
        <translation>每日备份</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/backup_actions.py" line="45"/>
        <source>before a restore</source>
        <translation>恢复前</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/backup_actions.py" line="46"/>
        <source>before migration {revision}</source>
        <translation>结构升级（{revision}）前</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/backup_actions.py" line="57"/>
        <location filename="../../rosterapp/ui/backup_actions.py" line="64"/>
        <location filename="../../rosterapp/ui/backup_actions.py" line="73"/>
        <location filename="../../rosterapp/ui/backup_actions.py" line="81"/>
        <source>Restore from Backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/backup_actions.py" line="58"/>
        <source>There is no backup beside {path} yet.</source>
        <translation>{path} 旁边还没有备份。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/backup_actions.py" line="65"/>
        <source>The copy to put in place of the database:</source>
        <translation>用来替换数据库的备份：</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/backup_actions.py" line="69"/>
        <source>Put the copy of {made} in place of the database? Every change since then is taken back; the current file is kept aside first, and the history of this window is cleared.</source>
        <translation>用 {made} 的备份替换数据库吗？此后的所有改动都将撤销；当前文件会先另存一份，本窗口的撤销记录将被清空。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/backup_actions.py" line="86"/>
        <source>Restored the copy of {made}; the file before it is {aside}.</source>
        <translation>已恢复 {made} 的备份；恢复前的文件保存为 {aside}。</translation>
    </message>
</context>
<context>
    <name>CellErrorTable</name>
    <message>
        <location filename="../../rosterapp/ui/roster_import.py" line="236"/>
        <source>Sheet</source>
        <translation>工作表</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster_import.py" line="236"/>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster_import.py" line="236"/>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster_import.py" line="236"/>
        <source>Cell</source>
        <translation>单元格</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster_import.py" line="237"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>CodeLegend</name>
    <message>
        <location filename="../../rosterapp/ui/roster/legend.py" line="22"/>
        <source>whole duty day</source>
        <translation>整个执勤日</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/legend.py" line="27"/>
        <source>next day </source>
        <translation>次日</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/legend.py" line="45"/>
        <source>Codes (View ▸ Code legend):</source>
        <translation>代码（视图 ▸ 代码图例）：</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/legend.py" line="60"/>
        <source>Codes: View ▸ Code legend (Ctrl+Shift+L)</source>
        <translation>代码说明：视图 ▸ 代码图例（Ctrl+Shift+L）</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/legend.py" line="71"/>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/legend.py" line="71"/>
        <source>Meaning</source>
        <translation>含义</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/legend.py" line="71"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/legend.py" line="71"/>
        <source>Hours</source>
        <translation>时长</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/legend.py" line="71"/>
        <source>Keys</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/legend.py" line="103"/>
        <source>Code legend</source>
        <translation>代码图例</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/legend.py" line="116"/>
        <source>Absence codes are typed as characters through the input method, picked from the cell editor (double-click or F2), or typed with the keys shown: 1–6 over a selection; the letters in the cell editor or in pasted text. Their pinyin initials are the shift codes&apos; (b 病/白, x 训/休, j 假/借), so single letters stay with the shifts. An absence day is the whole duty day, handover to handover; it takes the day&apos;s station duty away.</source>
        <translation>请休假代码可用输入法直接输入汉字，也可在单元格编辑器中选取（双击或 F2），或用表中的快捷键：选中单元格后按数字键 1–6；字母快捷键用于单元格编辑器和粘贴的文本。其拼音首字母与班次代码相同（b 病/白，x 训/休，j 假/借），所以单个字母仍表示班次。请休假按整个执勤日记录（交接班到下次交接班），并取消当天的站内勤务。</translation>
    </message>
</context>
<context>
    <name>CodeLegendAction</name>
    <message>
        <location filename="../../rosterapp/ui/roster/legend.py" line="147"/>
        <source>Code &amp;legend</source>
        <translation>代码图例(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/legend.py" line="148"/>
        <source>Every code of the grid: shifts and absences, their colours, hours and keys</source>
        <translation>排班表的全部代码：班次与请休假，及其颜色、时长和快捷键</translation>
    </message>
</context>
<context>
    <name>CopyForwardDialog</name>
    <message>
        <location filename="../../rosterapp/ui/operations/staff_dialog.py" line="311"/>
        <source>Copy day forward</source>
        <translation>按日向后复制</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/staff_dialog.py" line="318"/>
        <source>The selected lines ({count})</source>
        <translation>所选行（{count} 行）</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/staff_dialog.py" line="320"/>
        <source>Every line of the board ({count})</source>
        <translation>勤务表全部行（{count} 行）</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/staff_dialog.py" line="323"/>
        <source>Vehicles stay; people stay where rested and free. Where a vehicle&apos;s crew cannot serve again, the crew on duty with that vehicle that day takes its place. Nothing already there is removed; one undo step takes it all back.</source>
        <translation>车辆照原样派出；人员在休息充足且空闲时照原样派出。某车原班组不能连续执勤时，由当日随该车执勤的班组接替。已有的部署不会被删除；一次撤销即可全部还原。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/staff_dialog.py" line="329"/>
        <source>Copy {day} to every day up to</source>
        <translation>将 {day} 的部署复制到以后每天，直至</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/staff_dialog.py" line="333"/>
        <source>For</source>
        <translation>范围</translation>
    </message>
</context>
<context>
    <name>CopyOperationDialog</name>
    <message>
        <location filename="../../rosterapp/ui/operations/editor.py" line="278"/>
        <source>New security task from an earlier one</source>
        <translation>以往任务为基础新建保卫任务</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/editor.py" line="290"/>
        <source>Posts, their requirements and the task&apos;s own rule settings are copied with every date shifted; nobody and no vehicle is assigned yet.</source>
        <translation>复制点位、力量要求和任务自己的规则设置，所有日期顺延；人员和车辆需重新部署。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/editor.py" line="299"/>
        <source>Start from</source>
        <translation>基础任务</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/editor.py" line="300"/>
        <source>New name</source>
        <translation>新任务名称</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/editor.py" line="301"/>
        <source>New first day</source>
        <translation>新任务首日</translation>
    </message>
</context>
<context>
    <name>CoverageBar</name>
    <message>
        <location filename="../../rosterapp/ui/boards/charts.py" line="55"/>
        <source>{share} full · {partial} partial · {empty} empty</source>
        <translation>满编 {share} · 部分 {partial} · 空缺 {empty}</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/boards/charts.py" line="99"/>
        <source>no post windows</source>
        <translation>无点位时段</translation>
    </message>
</context>
<context>
    <name>CrewModel</name>
    <message>
        <location filename="../../rosterapp/ui/operations/staff_dialog.py" line="48"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/staff_dialog.py" line="48"/>
        <source>Crew role</source>
        <translation>岗位</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/staff_dialog.py" line="49"/>
        <source>Vehicle</source>
        <translation>车辆</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/staff_dialog.py" line="49"/>
        <source>Station</source>
        <translation>消防救援站</translation>
    </message>
</context>
<context>
    <name>DutyProposalDialog</name>
    <message>
        <location filename="../../rosterapp/ui/roster/duty_proposal.py" line="47"/>
        <source>Propose duty roles</source>
        <translation>生成值班安排</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/duty_proposal.py" line="58"/>
        <source>These people in turn</source>
        <translation>以下人员轮流</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/duty_proposal.py" line="60"/>
        <source>Whoever the roster has on duty that day</source>
        <translation>按排班表当天在岗人员</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/duty_proposal.py" line="67"/>
        <source>Up</source>
        <translation>上移</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/duty_proposal.py" line="68"/>
        <source>Down</source>
        <translation>下移</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/duty_proposal.py" line="106"/>
        <source>days each</source>
        <translation>每人天数</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/duty_proposal.py" line="109"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/duty_proposal.py" line="110"/>
        <source>Role</source>
        <translation>值班角色</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/duty_proposal.py" line="111"/>
        <source>Days</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/duty_proposal.py" line="113"/>
        <source>In this order (tick who takes part)</source>
        <translation>轮换顺序（勾选参加人员）</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/duty_proposal.py" line="114"/>
        <source>The first of them starts on</source>
        <translation>第一人开始于</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/duty_proposal.py" line="179"/>
        <source>Every role (from the roster)</source>
        <translation>全部角色（按排班表）</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/duty_proposal.py" line="241"/>
        <source>The last day is before the first.</source>
        <translation>结束日期早于开始日期。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/duty_proposal.py" line="245"/>
        <source>A rotation is for one role: pick it.</source>
        <translation>轮换只针对一个角色，请选择角色。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/duty_proposal.py" line="248"/>
        <source>Tick the people who take turns.</source>
        <translation>请勾选参加轮换的人员。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/duty_proposal.py" line="259"/>
        <source>{count} roles: {people}</source>
        <translation>共 {count} 项：{people}</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/duty_proposal.py" line="262"/>
        <source>The roster has nobody for {count} of them (left as they are): {days}</source>
        <translation>排班表中有 {count} 项无人可排（保持不变）：{days}</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/duty_proposal.py" line="286"/>
        <source>duty roles</source>
        <translation>值班安排</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/duty_proposal.py" line="287"/>
        <source>Propose {role} of {station}, {first} to {last}</source>
        <translation>生成{station}{role}，{first} 至 {last}</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/duty_proposal.py" line="304"/>
        <source>Show a station&apos;s roster first: the duty roles are proposed for its days.</source>
        <translation>请先显示某站的排班表：值班安排按其日期生成。</translation>
    </message>
</context>
<context>
    <name>DutyRows</name>
    <message>
        <location filename="../../rosterapp/ui/roster/duty_rows.py" line="201"/>
        <source>nobody assigned (pick a name, or type its pinyin initials)</source>
        <translation>尚未安排（可选择姓名，或输入拼音首字母）</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/duty_rows.py" line="260"/>
        <source>{role} of {station}: pick a name, type it (name, staff no. or pinyin initials) or paste it; Delete clears. Click ▾ to fold the duty rows.</source>
        <translation>{station}{role}：选择姓名，或输入姓名、工号、拼音首字母，或粘贴；按 Delete 清除。点击 ▾ 可折叠值班行。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/duty_rows.py" line="337"/>
        <source>Nobody of this unit is &quot;{text}&quot;.</source>
        <translation>本单位没有“{text}”。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/duty_rows.py" line="338"/>
        <source>&quot;{text}&quot; is {names}: type more or pick one.</source>
        <translation>“{text}”对应{names}：请再多输入几个字或从列表中选择。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/duty_rows.py" line="562"/>
        <source>Show the duty rows of {station}</source>
        <translation>展开{station}的值班行</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/duty_rows.py" line="563"/>
        <source>Fold the duty rows of {station}</source>
        <translation>折叠{station}的值班行</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/duty_rows.py" line="565"/>
        <source>Fold all duty rows</source>
        <translation>折叠全部值班行</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/duty_rows.py" line="565"/>
        <source>Show all duty rows</source>
        <translation>展开全部值班行</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/duty_rows.py" line="570"/>
        <source>Propose duty roles for {station}…</source>
        <translation>为{station}生成值班安排…</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/duty_rows.py" line="616"/>
        <source>Clear {count} duty roles</source>
        <translation>清除 {count} 项值班安排</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/duty_rows.py" line="625"/>
        <source>{name} as {role}, {day}</source>
        <translation>{name}任{role}（{day}）</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/duty_rows.py" line="627"/>
        <source>{name} as {role} on {count} days</source>
        <translation>{name}任{role}（{count} 天）</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/duty_rows.py" line="629"/>
        <source>Set {count} duty roles</source>
        <translation>设置 {count} 项值班安排</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/duty_rows.py" line="653"/>
        <source>Clear {count} cells</source>
        <translation>清除 {count} 个单元格</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/duty_rows.py" line="715"/>
        <source>The block does not fit: it reaches beyond the last row or day.</source>
        <translation>粘贴区域超出范围：超过了最后一行或最后一天。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/duty_rows.py" line="718"/>
        <source>Row {row}, column {column}</source>
        <translation>第 {row} 行第 {column} 列</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/duty_rows.py" line="725"/>
        <source>nobody of {station} is &quot;{name}&quot;</source>
        <translation>{station}没有“{name}”</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/duty_rows.py" line="725"/>
        <source>&quot;{name}&quot; is more than one person of {station}</source>
        <translation>{station}有不止一人叫“{name}”</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/duty_rows.py" line="735"/>
        <source>unknown code &quot;{code}&quot;</source>
        <translation>未知代码“{code}”</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/duty_rows.py" line="740"/>
        <source>Paste {count} cells</source>
        <translation>粘贴 {count} 个单元格</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/duty_rows.py" line="765"/>
        <source>&amp;Duty rows</source>
        <translation>值班行(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/duty_rows.py" line="766"/>
        <source>Show the rows of 带班领导, 站内值班 and 通信值班 at the top of each station</source>
        <translation>在各站顶部显示带班领导、站内值班、通信值班行</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/duty_rows.py" line="767"/>
        <source>Propose d&amp;uty roles…</source>
        <translation>生成值班安排(&amp;U)…</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/duty_rows.py" line="768"/>
        <source>Fill a station&apos;s duty leader or watches from a rotation or from the roster, seeing the problems first</source>
        <translation>按轮换或排班表为某站生成带班领导或值班人员，应用前先查看会产生的问题</translation>
    </message>
</context>
<context>
    <name>EditHub</name>
    <message>
        <location filename="../../rosterapp/ui/hub.py" line="190"/>
        <source>Undo: {step}</source>
        <translation>撤销：{step}</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/hub.py" line="191"/>
        <source>Redo: {step}</source>
        <translation>重做：{step}</translation>
    </message>
</context>
<context>
    <name>ExcelActions</name>
    <message>
        <location filename="../../rosterapp/ui/excel_actions.py" line="299"/>
        <source>&amp;Export HQ Workbook…</source>
        <translation>导出总队工作簿(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/excel_actions.py" line="300"/>
        <source>Write the HQ workbook of a task or a month to an Excel file</source>
        <translation>将某项任务或某月的总队工作簿写入 Excel 文件</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/excel_actions.py" line="301"/>
        <source>Export Month &amp;Roster (排班表)…</source>
        <translation>导出月度排班表(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/excel_actions.py" line="303"/>
        <source>Write the month roster of the grid&apos;s station or detachment, one sheet per station, to an Excel file</source>
        <translation>将排班表当前消防救援站或支队的月度排班表写入 Excel 文件，每站一个工作表</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/excel_actions.py" line="304"/>
        <source>Import &amp;Personnel…</source>
        <translation>导入人员名册(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/excel_actions.py" line="305"/>
        <source>Add or update people from a 人员名册 workbook</source>
        <translation>从人员名册工作簿新增或更新人员</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/excel_actions.py" line="306"/>
        <source>Import &amp;Vehicles…</source>
        <translation>导入车辆登记(&amp;V)…</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/excel_actions.py" line="307"/>
        <source>Add or update vehicles from a 车辆登记 workbook</source>
        <translation>从车辆登记工作簿新增或更新车辆</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/excel_actions.py" line="308"/>
        <source>Import Sub-&amp;plan…</source>
        <translation>导入分方案(&amp;L)…</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/excel_actions.py" line="309"/>
        <source>Put a detachment&apos;s sub-plan workbook in place of its staffing</source>
        <translation>用支队分方案工作簿替换该支队的点位力量部署</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/excel_actions.py" line="310"/>
        <source>Import M&amp;onth Roster (排班表)…</source>
        <translation>导入月度排班表(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/excel_actions.py" line="312"/>
        <source>Make the month&apos;s cells those of a roster workbook (people x days), after a preview of every change</source>
        <translation>预览每处改动后，用排班表工作簿（人员 × 日期）替换该月的排班</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/excel_actions.py" line="313"/>
        <source>Export &amp;Duty Table (值班表)…</source>
        <translation>导出值班表(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/excel_actions.py" line="315"/>
        <source>Write the month&apos;s duty leaders and officers of the grid&apos;s station or detachment, one row per day</source>
        <translation>导出排班表当前消防救援站或支队本月的带班领导和值班人员，每天一行</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/excel_actions.py" line="316"/>
        <source>Import D&amp;uty Table (值班表)…</source>
        <translation>导入值班表(&amp;U)…</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/excel_actions.py" line="318"/>
        <source>Make the month&apos;s duty leaders and officers those of a 值班表 workbook, after a preview</source>
        <translation>预览后，用值班表工作簿替换本月的带班领导和值班人员</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/excel_actions.py" line="319"/>
        <source>&amp;Merge Sub-plans…</source>
        <translation>合并分方案(&amp;M)…</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/excel_actions.py" line="320"/>
        <source>Merge the detachments&apos; sub-plan workbooks into one HQ workbook</source>
        <translation>将各支队的分方案工作簿合并为一个总队工作簿</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/excel_actions.py" line="360"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/excel_actions.py" line="384"/>
        <source>Cancelled; nothing was written.</source>
        <translation>已取消，未写入任何内容。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/excel_actions.py" line="402"/>
        <source>Open &amp;Folder</source>
        <translation>打开所在文件夹(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/excel_actions.py" line="409"/>
        <source>{file}: {summary}</source>
        <translation>{file}：{summary}</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/excel_actions.py" line="427"/>
        <source>The file was refused; nothing was written. Correct these {count} cells and try again:</source>
        <translation>文件未被接受，未写入任何数据。请改正以下 {count} 个单元格后重试：</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/excel_actions.py" line="429"/>
        <source>The file was refused; nothing was written.</source>
        <translation>文件未被接受，未写入任何数据。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/excel_actions.py" line="449"/>
        <location filename="../../rosterapp/ui/excel_actions.py" line="482"/>
        <source>Export HQ Workbook</source>
        <translation>导出总队工作簿</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/excel_actions.py" line="493"/>
        <source>Written {path}: {sheets} sheets, {rows} rows, {first} to {last}.</source>
        <translation>已写入 {path}：{sheets} 个工作表，共 {rows} 行，{first} 至 {last}。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/excel_actions.py" line="497"/>
        <source>Writing the HQ workbook…</source>
        <translation>正在写入总队工作簿…</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/excel_actions.py" line="501"/>
        <location filename="../../rosterapp/ui/excel_actions.py" line="524"/>
        <source>Export Month Roster</source>
        <translation>导出月度排班表</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/excel_actions.py" line="506"/>
        <source>Export Duty Table</source>
        <translation>导出值班表</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/excel_actions.py" line="507"/>
        <source>Writing the duty table…</source>
        <translation>正在写入值班表…</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/excel_actions.py" line="512"/>
        <source>Show a station or a detachment in the roster first: the month roster is written for one unit.</source>
        <translation>请先在排班表中显示一个消防救援站或支队：月度排班表按单位导出。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/excel_actions.py" line="540"/>
        <source>Written {path}: {sheets} sheets, {people} people, {month}.</source>
        <translation>已写入 {path}：{sheets} 个工作表，{people} 人，{month}。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/excel_actions.py" line="502"/>
        <location filename="../../rosterapp/ui/excel_actions.py" line="525"/>
        <source>Writing the month roster…</source>
        <translation>正在写入月度排班表…</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/excel_actions.py" line="543"/>
        <source>Written {path}: {sheets} sheets, {month}.</source>
        <translation>已写入 {path}：{sheets} 个工作表，{month}。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/excel_actions.py" line="552"/>
        <source>Import Personnel</source>
        <translation>导入人员名册</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/excel_actions.py" line="552"/>
        <source>Import Vehicles</source>
        <translation>导入车辆登记</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/excel_actions.py" line="553"/>
        <source>Import Sub-plan</source>
        <translation>导入分方案</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/excel_actions.py" line="553"/>
        <source>Import Duty Table</source>
        <translation>导入值班表</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/excel_actions.py" line="573"/>
        <source>Import {file}</source>
        <translation>导入 {file}</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/excel_actions.py" line="592"/>
        <source>{summary}

Import {file} now?</source>
        <translation>{summary}

现在导入 {file} 吗？</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/excel_actions.py" line="613"/>
        <source>{file} is version {have} of the sub-plan of {detachment} for {operation}, but the sub-plan is at version {current} now.

Importing it puts the older plan in place of the newer one. Import version {have} all the same?</source>
        <translation>{file} 是{detachment}“{operation}”分方案的第 {have} 版，而该分方案现在已是第 {current} 版。

导入它会用旧方案替换新方案。仍要导入第 {have} 版吗？</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/excel_actions.py" line="617"/>
        <source>{file} carries no sub-plan version (it was written before versions were kept, or without a task), but the sub-plan of {detachment} for {operation} is at version {current} now.

Importing it may put an older plan in place of the newer one. Import it all the same?</source>
        <translation>{file} 没有分方案版本（它是在记录版本之前导出的，或导出时没有选任务），而{detachment}“{operation}”的分方案现在已是第 {current} 版。

导入它可能用旧方案替换新方案。仍要导入吗？</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/excel_actions.py" line="623"/>
        <source>&amp;Import Anyway</source>
        <translation>仍然导入(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/excel_actions.py" line="691"/>
        <source>Importing {file}…</source>
        <translation>正在导入 {file}…</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/excel_actions.py" line="589"/>
        <location filename="../../rosterapp/ui/excel_actions.py" line="603"/>
        <location filename="../../rosterapp/ui/excel_actions.py" line="670"/>
        <source>Nothing was imported.</source>
        <translation>未导入任何数据。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/excel_actions.py" line="605"/>
        <location filename="../../rosterapp/ui/excel_actions.py" line="672"/>
        <source>Checking {file}…</source>
        <translation>正在检查 {file}…</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/excel_actions.py" line="639"/>
        <source>Import Month Roster</source>
        <translation>导入月度排班表</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/excel_actions.py" line="657"/>
        <source>Import {file} ({count} cells)</source>
        <translation>导入 {file}（{count} 个单元格）</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/excel_actions.py" line="695"/>
        <source>Merge Sub-plans</source>
        <translation>合并分方案</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/excel_actions.py" line="709"/>
        <source>Merging {count} sub-plans…</source>
        <translation>正在合并 {count} 份分方案…</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../rosterapp/ui/excel_actions.py" line="110"/>
        <source>Export HQ Workbook</source>
        <translation>导出总队工作簿</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/excel_actions.py" line="113"/>
        <source>(no task: the dates below)</source>
        <translation>（不限任务：按下列日期）</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/excel_actions.py" line="118"/>
        <source>All detachments</source>
        <translation>全部支队</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/excel_actions.py" line="132"/>
        <source>Task:</source>
        <translation>任务：</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/excel_actions.py" line="133"/>
        <source>Detachment:</source>
        <translation>支队：</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/excel_actions.py" line="134"/>
        <source>From:</source>
        <translation>自：</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/excel_actions.py" line="135"/>
        <source>To:</source>
        <translation>至：</translation>
    </message>
</context>
<context>
    <name>FairnessChart</name>
    <message>
        <location filename="../../rosterapp/ui/boards/charts.py" line="166"/>
        <source>Nobody in this scope</source>
        <translation>该范围内无人员</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/boards/charts.py" line="172"/>
        <source>{count} people · average {average:.0f} h · most {most:g} h ({most_name}) · least {least:g} h ({least_name})</source>
        <translation>{count} 人 · 平均 {average:.0f} 小时 · 最多 {most:g} 小时（{most_name}）· 最少 {least:g} 小时（{least_name}）</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/boards/charts.py" line="238"/>
        <source>average {hours:.0f} h</source>
        <translation>平均 {hours:.0f} 小时</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/boards/charts.py" line="241"/>
        <source>people, most hours first</source>
        <translation>人员（按时长由多到少）</translation>
    </message>
</context>
<context>
    <name>GuideAction</name>
    <message>
        <location filename="../../rosterapp/ui/guide.py" line="146"/>
        <source>&amp;User Guide</source>
        <translation>使用说明(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/guide.py" line="147"/>
        <source>How to use the program, in Chinese, with pictures</source>
        <translation>程序使用说明（中文，附图）</translation>
    </message>
</context>
<context>
    <name>GuideWindow</name>
    <message>
        <location filename="../../rosterapp/ui/guide.py" line="96"/>
        <source>Back</source>
        <translation>后退</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/guide.py" line="97"/>
        <source>Forward</source>
        <translation>前进</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/guide.py" line="98"/>
        <source>Contents</source>
        <translation>目录</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/guide.py" line="122"/>
        <source>User Guide — rosterapp</source>
        <translation>使用说明 — rosterapp</translation>
    </message>
</context>
<context>
    <name>HandoverActions</name>
    <message>
        <location filename="../../rosterapp/ui/handovers.py" line="346"/>
        <source>&amp;Handover record…</source>
        <translation>交接班记录(&amp;H)…</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/handovers.py" line="347"/>
        <source>The handover record (交接班记录) of the current cell&apos;s station and day</source>
        <translation>当前单元格所在消防救援站和执勤日的交接班记录</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/handovers.py" line="349"/>
        <source>Handover records…</source>
        <translation>查询交接班记录…</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/handovers.py" line="350"/>
        <source>Search the handover records by station, days and text</source>
        <translation>按消防救援站、日期和内容查询交接班记录</translation>
    </message>
</context>
<context>
    <name>HandoverDialog</name>
    <message>
        <location filename="../../rosterapp/ui/handovers.py" line="133"/>
        <source>Handover record: {station}, {day}</source>
        <translation>交接班记录：{station}，{day}</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/handovers.py" line="135"/>
        <source>nobody assigned</source>
        <translation>未指定</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/handovers.py" line="136"/>
        <source>Outgoing duty leader: {outgoing}    Incoming duty leader: {incoming}</source>
        <translation>交班带班领导：{outgoing}    接班带班领导：{incoming}</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/handovers.py" line="138"/>
        <source>Handed over &amp;at:</source>
        <translation>交接时间(&amp;A)：</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/handovers.py" line="148"/>
        <source>Handover record of {station}, {day}</source>
        <translation>{station} {day} 交接班记录</translation>
    </message>
</context>
<context>
    <name>HandoverListDialog</name>
    <message>
        <location filename="../../rosterapp/ui/handovers.py" line="270"/>
        <source>All stations</source>
        <translation>全部消防救援站</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/handovers.py" line="279"/>
        <source>Handover records</source>
        <translation>交接班记录</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/handovers.py" line="280"/>
        <source>&amp;Station:</source>
        <translation>消防救援站(&amp;S)：</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/handovers.py" line="280"/>
        <source>&amp;From:</source>
        <translation>从(&amp;F)：</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/handovers.py" line="280"/>
        <source>&amp;To:</source>
        <translation>至(&amp;T)：</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/handovers.py" line="281"/>
        <source>&amp;Text:</source>
        <translation>内容(&amp;X)：</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/handovers.py" line="283"/>
        <source>words in the record, e.g. 扩张器</source>
        <translation>记录中的词语，如 扩张器</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/handovers.py" line="284"/>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/handovers.py" line="293"/>
        <source>{count} record(s)</source>
        <translation>{count} 条记录</translation>
    </message>
</context>
<context>
    <name>HandoverListModel</name>
    <message>
        <location filename="../../rosterapp/ui/handovers.py" line="186"/>
        <source>Day</source>
        <translation>执勤日</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/handovers.py" line="186"/>
        <source>Station</source>
        <translation>消防救援站</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/handovers.py" line="186"/>
        <source>Outgoing leader</source>
        <translation>交班带班领导</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/handovers.py" line="186"/>
        <source>Incoming leader</source>
        <translation>接班带班领导</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/handovers.py" line="187"/>
        <source>Time</source>
        <translation>交接时间</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/handovers.py" line="187"/>
        <source>Record</source>
        <translation>交接内容</translation>
    </message>
</context>
<context>
    <name>ImportPreviewDialog</name>
    <message>
        <location filename="../../rosterapp/ui/excel_actions.py" line="210"/>
        <source>Nothing to add or change.</source>
        <translation>没有需要新增或更改的内容。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/excel_actions.py" line="212"/>
        <source>&amp;Copy All</source>
        <translation>全部复制(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/excel_actions.py" line="216"/>
        <source>&amp;Import</source>
        <translation>导入(&amp;I)</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../rosterapp/ui/login.py" line="186"/>
        <source>Log in to the server — Duty Roster Planner</source>
        <translation>登录服务器 — 排班与勤务计划</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/login.py" line="187"/>
        <source>This database is on a server shared by several clerks. Log in with your user name and password.</source>
        <translation>此数据库在多名内勤共用的服务器上。请输入您的用户名和密码登录。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/login.py" line="193"/>
        <source>postgresql+psycopg://host:port/database, with options such as ?sslmode=require</source>
        <translation>postgresql+psycopg://主机:端口/数据库，可带 ?sslmode=require 等选项</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/login.py" line="206"/>
        <source>&amp;Server:</source>
        <translation>服务器(&amp;S)：</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/login.py" line="207"/>
        <source>&amp;User:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/login.py" line="208"/>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/login.py" line="211"/>
        <source>&amp;Log in</source>
        <translation>登录(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/login.py" line="236"/>
        <source>Type your user name.</source>
        <translation>请输入用户名。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/login.py" line="242"/>
        <source>This is not a server address: {server}. It looks like postgresql+psycopg://host:port/database.</source>
        <translation>这不是服务器地址：{server}。服务器地址形如 postgresql+psycopg://主机:端口/数据库。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/login.py" line="247"/>
        <source>Only a PostgreSQL server needs a login: postgresql+psycopg://host:port/database.</source>
        <translation>只有 PostgreSQL 服务器需要登录：postgresql+psycopg://主机:端口/数据库。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/login.py" line="251"/>
        <source>Connecting to the server…</source>
        <translation>正在连接服务器…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../rosterapp/ui/main_window.py" line="377"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/main_window.py" line="378"/>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/main_window.py" line="379"/>
        <source>&amp;About rosterapp</source>
        <translation>关于 rosterapp(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/main_window.py" line="371"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/main_window.py" line="372"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/main_window.py" line="373"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/main_window.py" line="374"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/main_window.py" line="375"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/main_window.py" line="378"/>
        <source>Read everything again from the database</source>
        <translation>从数据库重新读取全部数据</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/main_window.py" line="380"/>
        <source>&amp;Copy</source>
        <translation>复制(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/main_window.py" line="380"/>
        <source>Copy the selected cells as tab-separated text</source>
        <translation>把选中的单元格复制为制表符分隔的文本</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/main_window.py" line="381"/>
        <source>&amp;Paste</source>
        <translation>粘贴(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/main_window.py" line="381"/>
        <source>Paste a block copied from Excel or WPS</source>
        <translation>粘贴从 Excel 或 WPS 复制的区域</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/main_window.py" line="382"/>
        <source>C&amp;lear cells</source>
        <translation>清除单元格(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/main_window.py" line="382"/>
        <source>Remove the codes of the selected cells</source>
        <translation>清除选中单元格的班次</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/main_window.py" line="383"/>
        <source>Apply &amp;rotation…</source>
        <translation>套用轮班(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/main_window.py" line="384"/>
        <source>Fill the selected people and days with a rotation such as 值休休</source>
        <translation>按“值休休”等轮班方式填充选中的人员和日期</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/main_window.py" line="385"/>
        <source>Copy &amp;week forward</source>
        <translation>复制本周到下周(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/main_window.py" line="386"/>
        <source>Copy the selected people&apos;s week to the week after</source>
        <translation>把选中人员这一周的排班复制到下一周</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/main_window.py" line="387"/>
        <source>Copy &amp;month forward</source>
        <translation>复制本月到下月(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/main_window.py" line="388"/>
        <source>Copy the selected people&apos;s month to the next month</source>
        <translation>把选中人员本月的排班复制到下个月</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/main_window.py" line="389"/>
        <source>&amp;Check</source>
        <translation>检查(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/main_window.py" line="389"/>
        <source>Run every rule again over the shown days</source>
        <translation>对显示的日期重新运行全部检查规则</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/main_window.py" line="390"/>
        <source>Previous month</source>
        <translation>上个月</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/main_window.py" line="391"/>
        <source>Next month</source>
        <translation>下个月</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/main_window.py" line="392"/>
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/main_window.py" line="393"/>
        <source>&amp;Find person</source>
        <translation>查找人员(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/main_window.py" line="394"/>
        <source>Re-apply my edit</source>
        <translation>重新应用我的修改</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/main_window.py" line="395"/>
        <source>Make the edit refused over another clerk&apos;s change again, over theirs</source>
        <translation>再次写入因其他文员的修改而被拒绝的编辑，以您的为准</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/main_window.py" line="401"/>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/main_window.py" line="402"/>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/main_window.py" line="403"/>
        <source>Roster</source>
        <translation>排班表</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/main_window.py" line="404"/>
        <source>Overview</source>
        <translation>概况</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/main_window.py" line="405"/>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/main_window.py" line="406"/>
        <source>History</source>
        <translation>操作记录</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/main_window.py" line="407"/>
        <source>&lt;opened&gt;</source>
        <translation>&lt;打开时&gt;</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/main_window.py" line="408"/>
        <source>Name, staff no. or pinyin initials</source>
        <translation>姓名、工号或拼音首字母</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/main_window.py" line="409"/>
        <source>Database: {location}</source>
        <translation>数据库：{location}</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/main_window.py" line="419"/>
        <source>Read-only: this database is open in another window. Close it, then press F5 to edit here.</source>
        <translation>只读：此数据库已在另一个窗口中打开。请关闭那个窗口，然后按 F5 在此编辑。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/main_window.py" line="471"/>
        <source>The connection to the server was lost; reconnecting… Other clerks&apos; changes will show once it is back.</source>
        <translation>与服务器的连接已断开，正在重新连接…连接恢复后将显示其他文书的修改。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/main_window.py" line="478"/>
        <source>Connected to the server again; other clerks&apos; changes made meanwhile are shown.</source>
        <translation>已重新连接到服务器，期间其他文书的修改已显示。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/main_window.py" line="483"/>
        <source>Another clerk</source>
        <translation>其他文书</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/main_window.py" line="484"/>
        <source>{who} changed {what}</source>
        <translation>{who} 修改了{what}</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/main_window.py" line="494"/>
        <source>the duties of {count} people on {days}</source>
        <translation>{count} 人在 {days} 的勤务</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/main_window.py" line="497"/>
        <source>the posts and vehicles on {days}</source>
        <translation>{days} 的勤务点位和车辆</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/main_window.py" line="499"/>
        <source>the people register</source>
        <translation>人员名册</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/main_window.py" line="499"/>
        <source>the vehicle register</source>
        <translation>车辆名册</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/main_window.py" line="500"/>
        <source>the stations</source>
        <translation>消防站信息</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/main_window.py" line="500"/>
        <source>the security tasks</source>
        <translation>安保任务</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/main_window.py" line="501"/>
        <source>the rule settings</source>
        <translation>规则设置</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/main_window.py" line="501"/>
        <source>the duty book</source>
        <translation>值班安排</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/main_window.py" line="502"/>
        <source>the shift swaps</source>
        <translation>换班记录</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/main_window.py" line="502"/>
        <source>the handover records</source>
        <translation>交接班记录</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/main_window.py" line="505"/>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/main_window.py" line="505"/>
        <source>the plan</source>
        <translation>计划</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/main_window.py" line="518"/>
        <source>The other window closed: this one can edit again.</source>
        <translation>另一个窗口已关闭：本窗口可以重新编辑。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/main_window.py" line="573"/>
        <source>Not changed: {reason}</source>
        <translation>未改动：{reason}</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/main_window.py" line="637"/>
        <source>Stations: {stations}   People: {people}   Vehicles: {vehicles}   On duty today: {on_duty}   At posts: {at_posts}</source>
        <translation>消防救援站：{stations}&#x3000;&#x3000;人员：{people}&#x3000;&#x3000;车辆：{vehicles}&#x3000;&#x3000;今日执勤：{on_duty}&#x3000;&#x3000;点位执勤：{at_posts}</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/main_window.py" line="687"/>
        <source>{count} cells copied</source>
        <translation>已复制 {count} 个单元格</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/main_window.py" line="715"/>
        <source>Nobody matches &quot;{text}&quot; here</source>
        <translation>此处没有与“{text}”匹配的人员</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/main_window.py" line="742"/>
        <source>Checking is off: {reason}</source>
        <translation>检查已停止：{reason}</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/main_window.py" line="746"/>
        <source>Checking…</source>
        <translation>正在检查…</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/main_window.py" line="749"/>
        <source>Checking is off (F9 to try again)</source>
        <translation>检查已停止（按 F9 重试）</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/main_window.py" line="756"/>
        <source>Errors: {error}   Warnings: {warning}   Notes: {info}</source>
        <translation>错误：{error}   警告：{warning}   提示：{info}</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/main_window.py" line="762"/>
        <source> [read-only]</source>
        <translation> [只读]</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/main_window.py" line="769"/>
        <source>{database} — {place} — Duty Roster Planner</source>
        <translation>{database} — {place} — 排班与勤务计划</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/main_window.py" line="771"/>
        <source>{database} — Duty Roster Planner</source>
        <translation>{database} — 排班与勤务计划</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/main_window.py" line="782"/>
        <source>User: {who}</source>
        <translation>用户：{who}</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/main_window.py" line="837"/>
        <source>&lt;h3&gt;rosterapp {version}&lt;/h3&gt;&lt;p&gt;Duty rosters and security-task plans for Beijing&apos;s six urban fire detachments.&lt;/p&gt;&lt;p&gt;Database: {database}&lt;br&gt;Log file: {log}&lt;/p&gt;</source>
        <translation>&lt;h3&gt;rosterapp {version}&lt;/h3&gt;&lt;p&gt;北京城六区消防救援支队执勤排班与安保勤务计划。&lt;/p&gt;&lt;p&gt;数据库：{database}&lt;br&gt;日志文件：{log}&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/main_window.py" line="842"/>
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
    <name>OperationEditor</name>
    <message>
        <location filename="../../rosterapp/ui/operations/editor.py" line="46"/>
        <source>minimum rest between duties</source>
        <translation>两次执勤间最短休息</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/editor.py" line="47"/>
        <source>rest after a 24-hour duty</source>
        <translation>24小时执勤后休息</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/editor.py" line="48"/>
        <source>most days on duty in a row</source>
        <translation>最多连续执勤天数</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/editor.py" line="49"/>
        <source>most duty hours in any 7 days</source>
        <translation>任意7日最多执勤时长</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/editor.py" line="50"/>
        <source>longest continuous duty</source>
        <translation>最长连续执勤</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/editor.py" line="175"/>
        <source>Add stage</source>
        <translation>添加阶段</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/editor.py" line="177"/>
        <source>Remove stage</source>
        <translation>删除阶段</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/editor.py" line="196"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/editor.py" line="197"/>
        <source>Dates</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/editor.py" line="198"/>
        <source>Readiness level</source>
        <translation>战备等级</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/editor.py" line="207"/>
        <source>Stages</source>
        <translation>阶段</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/editor.py" line="208"/>
        <source>Remarks</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/editor.py" line="220"/>
        <source>Edit security task</source>
        <translation>编辑保卫任务</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/editor.py" line="220"/>
        <source>New security task</source>
        <translation>新建保卫任务</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/editor.py" line="243"/>
        <source>This level keeps the usual rule thresholds.</source>
        <translation>该等级沿用平时的规则阈值。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/editor.py" line="247"/>
        <source>h</source>
        <translation>小时</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/editor.py" line="247"/>
        <source>days</source>
        <translation>天</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/editor.py" line="248"/>
        <source>{what}: {value:g} {unit} (usually {usual:g})</source>
        <translation>{what}：{value:g} {unit}（平时 {usual:g}）</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/editor.py" line="251"/>
        <source>This level tightens: {rules}</source>
        <translation>该等级收紧：{rules}</translation>
    </message>
</context>
<context>
    <name>OperationsController</name>
    <message>
        <location filename="../../rosterapp/ui/operations/controller.py" line="176"/>
        <location filename="../../rosterapp/ui/operations/controller.py" line="358"/>
        <source>Post board</source>
        <translation>点位勤务表</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/controller.py" line="177"/>
        <source>Vehicle board</source>
        <translation>车辆动态表</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/controller.py" line="178"/>
        <source>At a glance</source>
        <translation>总览图表</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/controller.py" line="179"/>
        <source>&amp;Security task</source>
        <translation>保卫任务(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/controller.py" line="181"/>
        <source>&amp;New security task…</source>
        <translation>新建保卫任务(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/controller.py" line="181"/>
        <source>Create a security task</source>
        <translation>新建一项保卫任务</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/controller.py" line="182"/>
        <source>&amp;Edit security task…</source>
        <translation>编辑保卫任务(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/controller.py" line="183"/>
        <source>Name, dates, readiness level and stages of the task shown</source>
        <translation>当前任务的名称、日期、战备等级和阶段</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/controller.py" line="184"/>
        <source>New task from an &amp;earlier one…</source>
        <translation>以往任务为基础新建(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/controller.py" line="185"/>
        <source>Copy the posts and requirements of an earlier task</source>
        <translation>复制以往任务的点位和力量要求</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/controller.py" line="186"/>
        <source>&amp;Delete security task</source>
        <translation>删除保卫任务(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/controller.py" line="186"/>
        <source>Delete the task shown</source>
        <translation>删除当前任务</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/controller.py" line="187"/>
        <source>New &amp;post…</source>
        <translation>新建点位(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/controller.py" line="187"/>
        <source>Add a post to the task shown</source>
        <translation>为当前任务添加点位</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/controller.py" line="188"/>
        <source>Edit p&amp;ost…</source>
        <translation>编辑点位(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/controller.py" line="188"/>
        <source>Edit the post of the selected line</source>
        <translation>编辑所选行的点位</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/controller.py" line="189"/>
        <source>Delete post</source>
        <translation>删除点位</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/controller.py" line="189"/>
        <source>Delete the post of the selected line</source>
        <translation>删除所选行的点位</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/controller.py" line="190"/>
        <source>S&amp;taff window…</source>
        <translation>时段力量部署(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/controller.py" line="191"/>
        <source>Vehicles, crew and crew roles of the selected window</source>
        <translation>所选时段的车辆、人员及岗位</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/controller.py" line="192"/>
        <source>&amp;Copy day forward…</source>
        <translation>按日向后复制(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/controller.py" line="193"/>
        <source>Copy the selected day&apos;s staffing to the following days</source>
        <translation>将所选日期的部署复制到以后各天</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/controller.py" line="194"/>
        <source>Clear &amp;windows</source>
        <translation>清空时段(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/controller.py" line="195"/>
        <source>Take every vehicle and person off the selected windows</source>
        <translation>撤下所选时段的全部车辆和人员</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/controller.py" line="196"/>
        <source>&amp;Fill posts automatically…</source>
        <translation>自动补齐点位(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/controller.py" line="197"/>
        <source>Propose vehicles and crews for the windows not fully staffed; see them on the board before accepting</source>
        <translation>为未满编的时段建议车辆和人员；接受前先在勤务表中查看</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/controller.py" line="205"/>
        <source>Posts of</source>
        <translation>点位范围</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/controller.py" line="206"/>
        <source>Select a security task in the navigator on the left, or create one (Security task ▸ New security task…).</source>
        <translation>请在左侧导航中选择一项保卫任务，或新建一项（保卫任务 ▸ 新建保卫任务…）。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/controller.py" line="208"/>
        <source>Vehicles of</source>
        <translation>车辆范围</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/controller.py" line="210"/>
        <source>Station name: at its station · post code: standing at that post · blue: lent to another station · red: in maintenance · grey: not in service</source>
        <translation>站名：在本站 · 点位编号：在该点位备勤 · 蓝色：借调其他站 · 红色：维修 · 灰色：不在用</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/controller.py" line="212"/>
        <source>Coverage: share of post windows fully staffed</source>
        <translation>点位覆盖率：力量满编的点位时段占比</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/controller.py" line="213"/>
        <source>Fairness: duty hours per person this month</source>
        <translation>均衡性：本月每人执勤时长</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/controller.py" line="214"/>
        <source>People of</source>
        <translation>人员范围</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/controller.py" line="215"/>
        <source>No security task yet</source>
        <translation>尚无保卫任务</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/controller.py" line="168"/>
        <location filename="../../rosterapp/ui/operations/controller.py" line="217"/>
        <source>all detachments</source>
        <translation>全部支队</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/controller.py" line="366"/>
        <source>{first} to {last} · {readiness} · {posts} posts</source>
        <translation>{first} 至 {last} · {readiness} · {posts} 个点位</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/controller.py" line="372"/>
        <source>Fully staffed: {full} of {total} windows ({share}) · partly: {partial} · empty: {empty}</source>
        <translation>满编：{full}/{total} 个时段（{share}）· 部分：{partial} · 空缺：{empty}</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/controller.py" line="443"/>
        <source>The days shown in the toolbar do not hold this task: select the task in the navigator again to show its days.</source>
        <translation>工具栏所示日期不包含该任务：请在导航中重新选择该任务以显示其日期。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/controller.py" line="470"/>
        <source>Select a window of a post to see the vehicles and people free for it.</source>
        <translation>选择某点位的一个时段，查看可用的车辆和人员。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/controller.py" line="442"/>
        <source>Checking… the lists follow when the checking engine has read these days.</source>
        <translation>正在检查……检查引擎读取这些日期后即显示名单。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/controller.py" line="537"/>
        <source>Vehicles, {first} to {last}</source>
        <translation>车辆动态，{first} 至 {last}</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/controller.py" line="556"/>
        <source>{scope}, {year}-{month:02d}</source>
        <translation>{scope}，{year}年{month}月</translation>
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
    <name>PaybackDialog</name>
    <message>
        <location filename="../../rosterapp/ui/roster/swaps.py" line="221"/>
        <source>Swaps and pay-backs owed</source>
        <translation>换班与待还班</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/swaps.py" line="232"/>
        <source>Only the pay-backs still owed</source>
        <translation>只看待还班</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/swaps.py" line="247"/>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/swaps.py" line="247"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/swaps.py" line="247"/>
        <source>Gives</source>
        <translation>交出</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/swaps.py" line="247"/>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/swaps.py" line="247"/>
        <source>Takes</source>
        <translation>接班</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/swaps.py" line="247"/>
        <source>Day back</source>
        <translation>换回日期</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/swaps.py" line="248"/>
        <source>Shift</source>
        <translation>班次</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/swaps.py" line="248"/>
        <source>Reason</source>
        <translation>事由</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/swaps.py" line="248"/>
        <source>Approved by</source>
        <translation>批准人</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/swaps.py" line="248"/>
        <source>Recorded</source>
        <translation>登记时间</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/swaps.py" line="248"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/swaps.py" line="252"/>
        <source>How it was settled, e.g. 以加班抵</source>
        <translation>如何结清，如：以加班抵</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/swaps.py" line="253"/>
        <source>Settle by hand</source>
        <translation>手工结清</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/swaps.py" line="258"/>
        <source>Station:</source>
        <translation>站：</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/swaps.py" line="260"/>
        <source>Person:</source>
        <translation>人员：</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/swaps.py" line="286"/>
        <source>Everyone</source>
        <translation>全部人员</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/swaps.py" line="314"/>
        <source>Pay-backs owed: {list}</source>
        <translation>待还班：{list}</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/swaps.py" line="316"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/swaps.py" line="338"/>
        <source>Settle the pay-back {name} owes {other} ({day})</source>
        <translation>结清 {name} 欠 {other} 的还班（{day}）</translation>
    </message>
</context>
<context>
    <name>PeopleModel</name>
    <message>
        <location filename="../../rosterapp/ui/registers/people.py" line="45"/>
        <source>Staff no.</source>
        <translation>工号</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/people.py" line="45"/>
        <source>Staff number (工号)</source>
        <translation>工号</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/people.py" line="46"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/people.py" line="46"/>
        <source>Sorted by pinyin</source>
        <translation>按拼音排序</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/people.py" line="55"/>
        <source>Sex</source>
        <translation>性别</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/people.py" line="57"/>
        <source>Detachment</source>
        <translation>支队</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/people.py" line="49"/>
        <source>Station</source>
        <translation>消防救援站</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/people.py" line="47"/>
        <source>Position</source>
        <translation>职务</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/people.py" line="48"/>
        <source>Rank</source>
        <translation>衔级</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/people.py" line="50"/>
        <source>Qualifications</source>
        <translation>资质</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/people.py" line="53"/>
        <source>Phone</source>
        <translation>手机</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/people.py" line="56"/>
        <source>Born</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/people.py" line="51"/>
        <source>Absence</source>
        <translation>缺勤</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/people.py" line="52"/>
        <source>The absence under way, or else the next one</source>
        <translation>当前的缺勤，没有则为下一次缺勤</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/people.py" line="54"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/people.py" line="62"/>
        <source>Active</source>
        <translation>在岗</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/people.py" line="62"/>
        <source>Inactive</source>
        <translation>已停用</translation>
    </message>
</context>
<context>
    <name>PeoplePage</name>
    <message>
        <location filename="../../rosterapp/ui/registers/people.py" line="162"/>
        <source>People</source>
        <translation>人员</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/people.py" line="165"/>
        <source>Name, staff no. or pinyin initials</source>
        <translation>姓名、工号或拼音首字母</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/people.py" line="166"/>
        <source>&amp;Add person…</source>
        <translation>新增人员(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/people.py" line="167"/>
        <source>&amp;Edit…</source>
        <translation>编辑(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/people.py" line="168"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/people.py" line="169"/>
        <source>New &amp;Person…</source>
        <translation>新增人员(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/people.py" line="170"/>
        <source>Add a person to the register</source>
        <translation>在人员名册中新增一人</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/people.py" line="178"/>
        <source>All detachments</source>
        <translation>全部支队</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/people.py" line="181"/>
        <source>All positions</source>
        <translation>全部职务</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/people.py" line="183"/>
        <source>All ranks</source>
        <translation>全部衔级</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/people.py" line="184"/>
        <source>Any qualification</source>
        <translation>全部资质</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/people.py" line="186"/>
        <source>Active and inactive</source>
        <translation>在岗和已停用</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/people.py" line="186"/>
        <source>Active</source>
        <translation>在岗</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/people.py" line="187"/>
        <location filename="../../rosterapp/ui/registers/people.py" line="241"/>
        <source>Inactive</source>
        <translation>已停用</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/people.py" line="191"/>
        <source>All stations</source>
        <translation>全部消防救援站</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/people.py" line="206"/>
        <source>{scope}: {shown} of {total} people shown</source>
        <translation>{scope}：显示 {shown} 人，共 {total} 人</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/people.py" line="207"/>
        <source>All units</source>
        <translation>全部单位</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/people.py" line="216"/>
        <source>Deactivate</source>
        <translation>停用</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/people.py" line="216"/>
        <source>Reactivate</source>
        <translation>恢复在岗</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/people.py" line="220"/>
        <source>This person has duties on record: deactivate instead, so that the history stays.</source>
        <translation>此人已有排班记录：请改为停用，以保留历史记录。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/people.py" line="221"/>
        <source>Delete a person entered by mistake (only without duties on record).</source>
        <translation>删除误录入的人员（仅限没有排班记录的人员）。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/people.py" line="283"/>
        <source>Add {name}</source>
        <translation>新增人员 {name}</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/people.py" line="284"/>
        <source>Edit {name}</source>
        <translation>编辑人员 {name}</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/people.py" line="302"/>
        <source>Deactivate {name}</source>
        <translation>停用 {name}</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/people.py" line="306"/>
        <source>Reactivate {name}</source>
        <translation>恢复 {name} 在岗</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/people.py" line="318"/>
        <source>Cannot delete</source>
        <translation>不能删除</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/people.py" line="319"/>
        <source>{name} has duties on record and cannot be deleted; deactivate them instead.</source>
        <translation>{name} 已有排班记录，不能删除，请改为停用。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/people.py" line="325"/>
        <source>Delete {name}</source>
        <translation>删除 {name}</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/people.py" line="328"/>
        <source>{name} deleted; Undo brings them back.</source>
        <translation>已删除 {name}；撤销可恢复。</translation>
    </message>
</context>
<context>
    <name>PersonDialog</name>
    <message>
        <location filename="../../rosterapp/ui/registers/person_dialog.py" line="243"/>
        <source>New person</source>
        <translation>新增人员</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/person_dialog.py" line="244"/>
        <source>{name} ({staff_no})</source>
        <translation>{name}（{staff_no}）</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/person_dialog.py" line="247"/>
        <source>&amp;Staff no.:</source>
        <translation>工号(&amp;S)：</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/person_dialog.py" line="247"/>
        <source>&amp;Name:</source>
        <translation>姓名(&amp;N)：</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/person_dialog.py" line="247"/>
        <source>Se&amp;x:</source>
        <translation>性别(&amp;X)：</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/person_dialog.py" line="248"/>
        <source>&amp;Born:</source>
        <translation>出生日期(&amp;B)：</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/person_dialog.py" line="248"/>
        <source>&amp;Detachment:</source>
        <translation>支队(&amp;D)：</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/person_dialog.py" line="249"/>
        <source>S&amp;tation:</source>
        <translation>消防救援站(&amp;T)：</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/person_dialog.py" line="249"/>
        <source>&amp;Position:</source>
        <translation>职务(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/person_dialog.py" line="249"/>
        <source>&amp;Rank:</source>
        <translation>衔级(&amp;R)：</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/person_dialog.py" line="250"/>
        <source>P&amp;hone:</source>
        <translation>手机(&amp;H)：</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/person_dialog.py" line="250"/>
        <source>&amp;Qualifications:</source>
        <translation>资质(&amp;Q)：</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/person_dialog.py" line="250"/>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/person_dialog.py" line="263"/>
        <source>YYYY-MM-DD, may stay empty</source>
        <translation>如 1995-06-01，可不填</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/person_dialog.py" line="264"/>
        <source>11-digit mobile number</source>
        <translation>11 位手机号</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/person_dialog.py" line="265"/>
        <location filename="../../rosterapp/ui/registers/person_dialog.py" line="274"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/person_dialog.py" line="266"/>
        <source>Absences (leave, sick leave, training, errands, secondment)</source>
        <translation>缺勤（休假、病假、培训、公差、借调、请假）</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/person_dialog.py" line="267"/>
        <source>A&amp;dd absence</source>
        <translation>添加缺勤(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/person_dialog.py" line="268"/>
        <source>Re&amp;move</source>
        <translation>移除(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/person_dialog.py" line="271"/>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/person_dialog.py" line="272"/>
        <source>From</source>
        <translation>起</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/person_dialog.py" line="273"/>
        <source>To</source>
        <translation>止</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/person_dialog.py" line="297"/>
        <source>Enter the staff number.</source>
        <translation>请填写工号。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/person_dialog.py" line="301"/>
        <source>Staff number {value} is already used by {name}.</source>
        <translation>工号 {value} 已被 {name} 使用。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/person_dialog.py" line="305"/>
        <source>Enter the name.</source>
        <translation>请填写姓名。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/person_dialog.py" line="311"/>
        <source>Write the date as YYYY-MM-DD, for example 1995-06-01.</source>
        <translation>日期请写作 YYYY-MM-DD，例如 1995-06-01。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/person_dialog.py" line="317"/>
        <source>Choose the station.</source>
        <translation>请选择消防救援站。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/person_dialog.py" line="319"/>
        <source>The phone number must have 11 digits and start with 1.</source>
        <translation>手机号必须为 11 位且以 1 开头。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/person_dialog.py" line="358"/>
        <source>The last day must not be before the first.</source>
        <translation>结束日期不能早于开始日期。</translation>
    </message>
</context>
<context>
    <name>PlanActionDialog</name>
    <message>
        <location filename="../../rosterapp/ui/operations/subplans.py" line="292"/>
        <source>Comment (required: say what must change):</source>
        <translation>意见（必填：写明需要修改什么）：</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/subplans.py" line="293"/>
        <source>Comment (optional):</source>
        <translation>意见（可不填）：</translation>
    </message>
</context>
<context>
    <name>PlanCommand</name>
    <message>
        <location filename="../../rosterapp/ui/commands.py" line="367"/>
        <source>A sub-plan&apos;s submission, approval, return or reopening is not taken back with Undo: use the sub-plan&apos;s own actions (for example Reopen).</source>
        <translation>分方案的上报、批准、退回和重新打开不能用“撤销”取消，请使用分方案自己的操作（例如“重新打开”）。</translation>
    </message>
</context>
<context>
    <name>PlanDiffDialog</name>
    <message>
        <location filename="../../rosterapp/ui/operations/plan_diff.py" line="50"/>
        <source>Compare versions: {detachment}</source>
        <translation>版本对比：{detachment}</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/plan_diff.py" line="51"/>
        <source>Sub-plan of {detachment} for {operation}</source>
        <translation>{operation} · {detachment}分方案</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/plan_diff.py" line="78"/>
        <source>The two versions do not differ.</source>
        <translation>两个版本没有差别</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/plan_diff.py" line="89"/>
        <source>Before (left):</source>
        <translation>原版本（左）：</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/plan_diff.py" line="94"/>
        <source>After (right):</source>
        <translation>新版本（右）：</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/plan_diff.py" line="97"/>
        <location filename="../../rosterapp/ui/operations/plan_diff.py" line="214"/>
        <source>added</source>
        <translation>新增</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/plan_diff.py" line="97"/>
        <location filename="../../rosterapp/ui/operations/plan_diff.py" line="214"/>
        <source>removed</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/plan_diff.py" line="98"/>
        <location filename="../../rosterapp/ui/operations/plan_diff.py" line="214"/>
        <source>changed</source>
        <translation>改动</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/plan_diff.py" line="109"/>
        <source>For a person or a vehicle, each side lists the windows only that version has.</source>
        <translation>人员和车辆：每一边列出的是只有该版本才有的时段。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/plan_diff.py" line="123"/>
        <source>version {number} · {state} · {at} {by}</source>
        <translation>第 {number} 版 · {state} · {at} {by}</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/plan_diff.py" line="139"/>
        <source>current draft</source>
        <translation>当前草稿</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/plan_diff.py" line="157"/>
        <source>No version has been submitted yet.</source>
        <translation>还没有上报过任何版本。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/plan_diff.py" line="170"/>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/plan_diff.py" line="177"/>
        <source>{count} differences: {added} added, {removed} removed, {changed} changed</source>
        <translation>共 {count} 处差别：新增 {added}，删除 {removed}，改动 {changed}</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/plan_diff.py" line="216"/>
        <source>person {name}</source>
        <translation>人员 {name}</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/plan_diff.py" line="218"/>
        <source>vehicle {plate}</source>
        <translation>车辆 {plate}</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/plan_diff.py" line="220"/>
        <source>the post</source>
        <translation>整个点位</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/plan_diff.py" line="223"/>
        <source>{kind}: {what}</source>
        <translation>{kind}：{what}</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/plan_diff.py" line="230"/>
        <source>… {count} windows in all</source>
        <translation>…… 共 {count} 个时段</translation>
    </message>
</context>
<context>
    <name>PostBoardModel</name>
    <message>
        <location filename="../../rosterapp/ui/boards/post_board.py" line="180"/>
        <location filename="../../rosterapp/ui/boards/post_board.py" line="290"/>
        <source> +{count}</source>
        <translation> 等{count}辆</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/boards/post_board.py" line="293"/>
        <source>no vehicle</source>
        <translation>无车辆</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/boards/post_board.py" line="184"/>
        <location filename="../../rosterapp/ui/boards/post_board.py" line="296"/>
        <source>Cmd. {name}</source>
        <translation>指挥 {name}</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/boards/post_board.py" line="298"/>
        <location filename="../../rosterapp/ui/boards/post_board.py" line="316"/>
        <source>no commander</source>
        <translation>无指挥员</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/boards/post_board.py" line="185"/>
        <location filename="../../rosterapp/ui/boards/post_board.py" line="301"/>
        <source>{people}/{need} ppl · {vehicles}/{vneed} veh</source>
        <translation>{people}/{need}人 · {vehicles}/{vneed}车</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/boards/post_board.py" line="188"/>
        <source>Proposed by the automatic fill, not written yet:</source>
        <translation>自动补齐建议（尚未写入）：</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/boards/post_board.py" line="308"/>
        <source>nobody there for part of the window</source>
        <translation>部分时间无人值守</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/boards/post_board.py" line="310"/>
        <source>no vehicle for part of the window</source>
        <translation>部分时间无车辆</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/boards/post_board.py" line="312"/>
        <source>{have} of {need} people</source>
        <translation>人员 {have}/{need}</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/boards/post_board.py" line="314"/>
        <source>{have} of {need} {type}</source>
        <translation>{type} {have}/{need}</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/boards/post_board.py" line="317"/>
        <source>nobody holds {qualification}</source>
        <translation>无人具备{qualification}资质</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/boards/post_board.py" line="320"/>
        <source>fully staffed</source>
        <translation>满编</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/boards/post_board.py" line="320"/>
        <source>partly staffed</source>
        <translation>部分到位</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/boards/post_board.py" line="321"/>
        <source>empty</source>
        <translation>空缺</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/boards/post_board.py" line="321"/>
        <source>not active</source>
        <translation>未启用</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/boards/post_board.py" line="328"/>
        <source>The post is not active then.</source>
        <translation>该点位此时未启用。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/boards/post_board.py" line="333"/>
        <source>no role</source>
        <translation>未定岗</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/boards/post_board.py" line="416"/>
        <source>24 h from {time}</source>
        <translation>24小时，{time}交接</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/boards/post_board.py" line="418"/>
        <source>day</source>
        <translation>白班</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/boards/post_board.py" line="418"/>
        <source>night</source>
        <translation>夜班</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/boards/post_board.py" line="429"/>
        <source>Responsible: {detachment}, dispatched from {station}</source>
        <translation>责任支队：{detachment}，出动站：{station}</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/boards/post_board.py" line="431"/>
        <source>Needs: {people} people, vehicles {vehicles}, qualifications {quals}{commander}</source>
        <translation>要求：{people} 人，车辆 {vehicles}，资质 {quals}{commander}</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/boards/post_board.py" line="433"/>
        <source>, a commander</source>
        <translation>，须有指挥员</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/boards/post_board.py" line="436"/>
        <source>Address: {address}</source>
        <translation>地址：{address}</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/boards/post_board.py" line="438"/>
        <source>Radio {channel} · arrival within {minutes} min</source>
        <translation>电台 {channel} · {minutes} 分钟内到场</translation>
    </message>
</context>
<context>
    <name>PostEditor</name>
    <message>
        <location filename="../../rosterapp/ui/operations/post_editor.py" line="226"/>
        <source>New post</source>
        <translation>新建点位</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/post_editor.py" line="226"/>
        <source>Edit post</source>
        <translation>编辑点位</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/post_editor.py" line="248"/>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/post_editor.py" line="263"/>
        <source>A commander is required</source>
        <translation>须有指挥员</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/post_editor.py" line="276"/>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/post_editor.py" line="278"/>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/post_editor.py" line="299"/>
        <source>Code</source>
        <translation>点位编号</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/post_editor.py" line="300"/>
        <source>Name</source>
        <translation>点位名称</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/post_editor.py" line="301"/>
        <source>Type</source>
        <translation>点位类型</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/post_editor.py" line="302"/>
        <source>Duty mode</source>
        <translation>勤务方式</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/post_editor.py" line="303"/>
        <source>Responsible detachment</source>
        <translation>责任支队</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/post_editor.py" line="304"/>
        <source>Dispatching station</source>
        <translation>出动站</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/post_editor.py" line="305"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/post_editor.py" line="306"/>
        <source>Radio channel</source>
        <translation>电台信道</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/post_editor.py" line="307"/>
        <source>Arrival target</source>
        <translation>到场时限</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/post_editor.py" line="309"/>
        <source>Active from</source>
        <translation>启用自</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/post_editor.py" line="310"/>
        <source>Active until</source>
        <translation>启用至</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/post_editor.py" line="311"/>
        <source>Rotation</source>
        <translation>轮换方式</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/post_editor.py" line="312"/>
        <source>Handover at</source>
        <translation>交接时间</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/post_editor.py" line="313"/>
        <source>Minimum people</source>
        <translation>最少人数</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/post_editor.py" line="322"/>
        <source>Vehicles</source>
        <translation>车辆要求</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/post_editor.py" line="323"/>
        <source>Qualifications</source>
        <translation>资质要求</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/post_editor.py" line="331"/>
        <source>Remarks</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>PostFillDialog</name>
    <message>
        <location filename="../../rosterapp/ui/operations/post_fill.py" line="243"/>
        <source>Fill posts automatically</source>
        <translation>自动补齐点位</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/post_fill.py" line="244"/>
        <source>&amp;Start</source>
        <translation>开始(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/post_fill.py" line="245"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/post_fill.py" line="246"/>
        <source>Stop the run: nothing is proposed and nothing changes</source>
        <translation>停止本次计算：不生成方案，也不做任何修改</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/post_fill.py" line="248"/>
        <source>On the board, until you accept or discard: &lt;span style=&apos;background:{color}; border: 1px dashed {frame}&apos;&gt;&amp;nbsp;&lt;i&gt;+ names in italics&lt;/i&gt;&amp;nbsp;&lt;/span&gt; a window the proposal staffs, as it would read then (+ marks what is added; its tooltip lists every vehicle and person). Nothing is written yet.</source>
        <translation>在接受或放弃之前，勤务表中 &lt;span style=&apos;background:{color}; border: 1px dashed {frame}&apos;&gt;&amp;nbsp;&lt;i&gt;+ 斜体名称&lt;/i&gt;&amp;nbsp;&lt;/span&gt; 表示方案将部署的时段及部署后的样子（+ 为新增；悬停提示列出每辆车和每个人）。目前尚未写入。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/post_fill.py" line="252"/>
        <source>Post</source>
        <translation>点位</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/post_fill.py" line="252"/>
        <source>Window</source>
        <translation>时段</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/post_fill.py" line="252"/>
        <source>Missing</source>
        <translation>缺少</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/post_fill.py" line="253"/>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/post_fill.py" line="254"/>
        <source>Double-click a window to see it on the board</source>
        <translation>双击某个时段，在点位勤务表中查看</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/post_fill.py" line="255"/>
        <source>&amp;Accept all</source>
        <translation>全部接受(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/post_fill.py" line="256"/>
        <source>Accept the windows selected on the &amp;board</source>
        <translation>接受勤务表中选中的时段(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/post_fill.py" line="257"/>
        <source>&amp;Discard</source>
        <translation>放弃(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/post_fill.py" line="258"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/post_fill.py" line="304"/>
        <source>Only the days of the windows selected on the board ({first} to {last})</source>
        <translation>仅限勤务表中选中时段所在的日期（{first} 至 {last}）</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/post_fill.py" line="307"/>
        <source>Only the days of the windows selected on the board (select them first)</source>
        <translation>仅限勤务表中选中时段所在的日期（请先选中）</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/post_fill.py" line="312"/>
        <source>all detachments</source>
        <translation>全部支队</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/post_fill.py" line="313"/>
        <source>{task}, {first} to {last}, posts of {where}: the windows not fully staffed</source>
        <translation>{task}，{first} 至 {last}，{where}的点位：未满编的时段</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/post_fill.py" line="340"/>
        <source>Planning…</source>
        <translation>正在计算…</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/post_fill.py" line="360"/>
        <source>Stopped: nothing was proposed and nothing changed.</source>
        <translation>已停止：未生成方案，未做任何修改。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/post_fill.py" line="371"/>
        <source>Planning… {seconds:.0f} s</source>
        <translation>正在计算… {seconds:.0f} 秒</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/post_fill.py" line="387"/>
        <source>Done in {seconds:.1f} s</source>
        <translation>用时 {seconds:.1f} 秒</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/post_fill.py" line="414"/>
        <source>the staffing found would add an error</source>
        <translation>找到的人员车辆会带来新的错误</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/post_fill.py" line="485"/>
        <source>Windows short: {windows} · filled by the proposal: {filled} · still short: {short}</source>
        <translation>未满编时段：{windows} · 方案补齐：{filled} · 仍未满编：{short}</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/post_fill.py" line="488"/>
        <source>Proposed: {vehicles} vehicles and {people} people at {count} windows</source>
        <translation>建议部署：{count} 个时段，车辆 {vehicles} 辆，人员 {people} 人</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/post_fill.py" line="492"/>
        <source>{count} windows of the proposal were written; nothing else is proposed.</source>
        <translation>方案中已有 {count} 个时段写入；没有其他建议。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/post_fill.py" line="495"/>
        <source>Nothing is proposed.</source>
        <translation>没有可建议的部署。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/post_fill.py" line="497"/>
        <source>Every window of these days is fully staffed.</source>
        <translation>这些日期的所有时段均已满编。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/post_fill.py" line="499"/>
        <source>Left as they are, their sub-plans being approved (locked): {detachments}</source>
        <translation>以下支队的分方案已批准（已锁定），未作填充：{detachments}</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/post_fill.py" line="503"/>
        <source>Checked: accepting all adds no error, {count} warnings ({warnings})</source>
        <translation>已检查：全部接受不会带来新的错误，新增警告 {count} 条（{warnings}）</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/post_fill.py" line="507"/>
        <source>Checked: accepting all adds no error and no warning.</source>
        <translation>已检查：全部接受不会带来新的错误或警告。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/post_fill.py" line="510"/>
        <source>{count} of them are not on the board shown.</source>
        <translation>其中 {count} 个时段不在当前显示的勤务表中。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/post_fill.py" line="512"/>
        <source>{count} proposed windows were taken off: they were edited since.</source>
        <translation>{count} 个建议时段已撤下：之后被修改过。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/post_fill.py" line="536"/>
        <source>Still short ({count})</source>
        <translation>仍未满编（{count}）</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/post_fill.py" line="537"/>
        <source>Still short</source>
        <translation>仍未满编</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/post_fill.py" line="567"/>
        <source>The board shows other posts now: the proposal was discarded.</source>
        <translation>勤务表现在显示的是其他点位：方案已放弃。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/post_fill.py" line="593"/>
        <source>Select proposed windows on the board first.</source>
        <translation>请先在勤务表中选中建议的时段。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/post_fill.py" line="679"/>
        <source>{count} proposed windows are no longer free or were edited since</source>
        <translation>{count} 个建议时段的人员车辆已不再空闲或时段已被修改</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/post_fill.py" line="682"/>
        <source>{count} proposed windows would add an error ({errors})</source>
        <translation>{count} 个建议时段会带来新的错误（{errors}）</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/post_fill.py" line="684"/>
        <source>Nothing was written: {reasons}.</source>
        <translation>未写入任何内容：{reasons}。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/post_fill.py" line="686"/>
        <source>Fill posts automatically: {count} windows</source>
        <translation>自动补齐点位：{count} 个时段</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/post_fill.py" line="672"/>
        <location filename="../../rosterapp/ui/operations/post_fill.py" line="693"/>
        <source>Nothing was written: {reason}</source>
        <translation>未写入任何内容：{reason}</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/post_fill.py" line="701"/>
        <source>Written as one step (Undo takes it back): {count} windows.</source>
        <translation>已作为一步写入（可撤销）：{count} 个时段。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/post_fill.py" line="703"/>
        <source>{count} left out: their people or vehicles are no longer free, or the window was edited since.</source>
        <translation>{count} 个时段未写入：其人员车辆已不再空闲，或时段之后被修改过。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/post_fill.py" line="708"/>
        <source>{count} left out: they would add an error ({errors}).</source>
        <translation>{count} 个时段未写入：会带来新的错误（{errors}）。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/post_fill.py" line="722"/>
        <source>Discarded: the rest was not written.</source>
        <translation>已放弃：其余部分未写入。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/post_fill.py" line="723"/>
        <source>Discarded: nothing was written.</source>
        <translation>已放弃：未写入任何内容。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/post_fill.py" line="791"/>
        <source>Show a security task&apos;s post board first: the automatic fill works on its windows.</source>
        <translation>请先打开一个保卫任务的点位勤务表：自动补齐针对其中的时段。</translation>
    </message>
</context>
<context>
    <name>PreviewModel</name>
    <message>
        <location filename="../../rosterapp/ui/roster_import.py" line="80"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster_import.py" line="80"/>
        <source>Staff No.</source>
        <translation>工号</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster_import.py" line="114"/>
        <source>Was: {old}</source>
        <translation>原为：{old}</translation>
    </message>
</context>
<context>
    <name>PrintController</name>
    <message>
        <location filename="../../rosterapp/ui/printing/actions.py" line="69"/>
        <source>&amp;Print Shift Sheets…</source>
        <translation>打印执勤表(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/printing/actions.py" line="70"/>
        <source>Print station, post or detachment sheets</source>
        <translation>打印执勤实力表、点位执勤表或执勤力量汇总表</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/printing/actions.py" line="71"/>
        <source>Print Pre&amp;view…</source>
        <translation>打印预览(&amp;V)…</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/printing/actions.py" line="72"/>
        <source>See the sheets as they will print</source>
        <translation>查看打印效果</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/printing/actions.py" line="73"/>
        <source>Save Sheets as P&amp;DF…</source>
        <translation>另存为 PDF(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/printing/actions.py" line="74"/>
        <source>Write the sheets to one PDF file</source>
        <translation>把执勤表写入一个 PDF 文件</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/printing/actions.py" line="105"/>
        <location filename="../../rosterapp/ui/printing/actions.py" line="277"/>
        <source>Cannot print</source>
        <translation>无法打印</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/printing/actions.py" line="110"/>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/printing/actions.py" line="121"/>
        <source>Preview…</source>
        <translation>预览…</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/printing/actions.py" line="126"/>
        <source>Save as PDF…</source>
        <translation>保存为 PDF…</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/printing/actions.py" line="131"/>
        <source>Save Shift Sheets as PDF</source>
        <translation>将执勤表保存为 PDF</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/printing/actions.py" line="132"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/printing/actions.py" line="167"/>
        <source>Saved {path}: {sheets} sheets, {pages} pages.</source>
        <translation>已保存 {path}：共 {sheets} 份表、{pages} 页。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/printing/actions.py" line="170"/>
        <source>Saving shift sheets as PDF…</source>
        <translation>正在保存执勤表 PDF…</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/printing/actions.py" line="196"/>
        <source>Sent {sheets} sheets, {pages} pages to {printer}.</source>
        <translation>已将 {sheets} 份表、{pages} 页发送到 {printer}。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/printing/actions.py" line="199"/>
        <source>Printing shift sheets…</source>
        <translation>正在打印执勤表…</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/printing/actions.py" line="218"/>
        <source>Preparing the preview…</source>
        <translation>正在准备打印预览…</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/printing/actions.py" line="228"/>
        <source>Print Preview — {title}</source>
        <translation>打印预览 — {title}</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/printing/actions.py" line="241"/>
        <source>Laying out the pages…</source>
        <translation>正在排版…</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/printing/actions.py" line="241"/>
        <location filename="../../rosterapp/ui/printing/actions.py" line="260"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/printing/actions.py" line="263"/>
        <source>The sheets could not be written: {reason}</source>
        <translation>无法写入执勤表：{reason}</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/printing/actions.py" line="266"/>
        <source>Cancelled: nothing was printed or saved.</source>
        <translation>已取消：未打印，也未保存。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/printing/actions.py" line="284"/>
        <source>The print job stopped on an internal error; the crash report says more.</source>
        <translation>打印任务因程序内部错误而中止；详情见错误报告。</translation>
    </message>
</context>
<context>
    <name>PrintSetupDialog</name>
    <message>
        <location filename="../../rosterapp/ui/printing/dialog.py" line="67"/>
        <source>Print shift sheets</source>
        <translation>打印执勤表</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/printing/dialog.py" line="73"/>
        <source>Station sheet (执勤实力表)</source>
        <translation>执勤实力表（交接班记录）</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/printing/dialog.py" line="74"/>
        <source>Post sheet (点位执勤表)</source>
        <translation>点位执勤表</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/printing/dialog.py" line="75"/>
        <source>Detachment summary (执勤力量汇总表)</source>
        <translation>支队执勤力量汇总表</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/printing/dialog.py" line="87"/>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/printing/dialog.py" line="95"/>
        <source>&amp;Sheet:</source>
        <translation>表格(&amp;S)：</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/printing/dialog.py" line="96"/>
        <source>&amp;For:</source>
        <translation>对象(&amp;F)：</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/printing/dialog.py" line="97"/>
        <source>Days:</source>
        <translation>日期：</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/printing/dialog.py" line="134"/>
        <source>All stations of {name}</source>
        <translation>{name}所有消防救援站</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/printing/dialog.py" line="141"/>
        <source>All posts of {name}</source>
        <translation>{name}全部点位</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/printing/dialog.py" line="145"/>
        <source>All detachments</source>
        <translation>全部支队</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/printing/dialog.py" line="174"/>
        <source>Nothing to print: there is nothing of this kind yet.</source>
        <translation>无可打印内容：尚无此类对象。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/printing/dialog.py" line="178"/>
        <source>Sheets: at most {count} ({targets} a day for {days} day(s); only days a post is on duty).</source>
        <translation>共至多 {count} 份（每天 {targets} 份，共 {days} 天；仅打印点位执勤的日期）。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/printing/dialog.py" line="180"/>
        <source>Sheets: {count} ({targets} a day for {days} day(s)).</source>
        <translation>共 {count} 份（每天 {targets} 份，共 {days} 天）。</translation>
    </message>
</context>
<context>
    <name>ProblemListDialog</name>
    <message>
        <location filename="../../rosterapp/ui/excel_actions.py" line="174"/>
        <source>&amp;Copy All</source>
        <translation>全部复制(&amp;C)</translation>
    </message>
</context>
<context>
    <name>ProblemsModel</name>
    <message>
        <location filename="../../rosterapp/ui/roster/problems.py" line="130"/>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/problems.py" line="130"/>
        <source>From</source>
        <translation>开始</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/problems.py" line="130"/>
        <source>To</source>
        <translation>结束</translation>
    </message>
</context>
<context>
    <name>ProblemsPanel</name>
    <message>
        <location filename="../../rosterapp/ui/roster/problems.py" line="210"/>
        <source>Filter problems</source>
        <translation>筛选问题</translation>
    </message>
</context>
<context>
    <name>RegisterEditor</name>
    <message>
        <location filename="../../rosterapp/ui/registers/editor.py" line="33"/>
        <source>Press OK again to save yours over theirs, or Cancel.</source>
        <translation>再按“确定”以您的内容覆盖对方的修改，或按“取消”。</translation>
    </message>
</context>
<context>
    <name>RegisterPage</name>
    <message>
        <location filename="../../rosterapp/ui/registers/page.py" line="250"/>
        <source>Not changed</source>
        <translation>未更改</translation>
    </message>
</context>
<context>
    <name>RequirementsModel</name>
    <message>
        <location filename="../../rosterapp/ui/operations/post_editor.py" line="49"/>
        <source>Vehicle type</source>
        <translation>车型</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/post_editor.py" line="49"/>
        <source>Count</source>
        <translation>数量</translation>
    </message>
</context>
<context>
    <name>RosterController</name>
    <message>
        <location filename="../../rosterapp/ui/roster/controller.py" line="184"/>
        <source>{count} cells left as they are: those days belong to posts ({cells}{more}); change them on the post board.</source>
        <translation>{count} 个单元格未改动：这些天有点位勤务（{cells}{more}），请在点位勤务表中修改。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/controller.py" line="204"/>
        <source>Fill {count} cells with {code}</source>
        <translation>将 {count} 个单元格填为“{code}”</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/controller.py" line="211"/>
        <source>Clear {count} cells</source>
        <translation>清除 {count} 个单元格</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/controller.py" line="231"/>
        <source>Select the cell where the block should start.</source>
        <translation>请先选中粘贴区域的起始单元格。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/controller.py" line="248"/>
        <source>The block does not fit: it reaches beyond the last row or day.</source>
        <translation>粘贴区域超出了最后一行或最后一天。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/controller.py" line="253"/>
        <source>Row {row}, column {column}: unknown code &quot;{code}&quot;</source>
        <translation>第 {row} 行第 {column} 列：未知班次“{code}”</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/controller.py" line="259"/>
        <source>Paste {count} cells</source>
        <translation>粘贴 {count} 个单元格</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/controller.py" line="270"/>
        <source>Apply rotation {pattern}</source>
        <translation>套用轮班“{pattern}”</translation>
    </message>
</context>
<context>
    <name>RosterImportDialog</name>
    <message>
        <location filename="../../rosterapp/ui/roster_import.py" line="146"/>
        <source>{sheet}: {station}, {month} ({count} cells change)</source>
        <translation>{sheet}：{station}，{month}（{count} 个单元格有改动）</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster_import.py" line="148"/>
        <source>Only people with changes</source>
        <translation>只显示有改动的人员</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster_import.py" line="166"/>
        <source>Nothing to change: the database already holds this roster.</source>
        <translation>没有需要改动的内容：数据库中已是这份排班。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster_import.py" line="171"/>
        <source>The import adds no problem.</source>
        <translation>导入不会新增问题。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster_import.py" line="176"/>
        <source>Sheet:</source>
        <translation>工作表：</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster_import.py" line="182"/>
        <source>Roster</source>
        <translation>排班表</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster_import.py" line="183"/>
        <source>Changes ({count})</source>
        <translation>改动（{count}）</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster_import.py" line="184"/>
        <source>New problems ({count})</source>
        <translation>新增问题（{count}）</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster_import.py" line="187"/>
        <source>&amp;Copy Changes</source>
        <translation>复制改动(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster_import.py" line="191"/>
        <source>&amp;Import</source>
        <translation>导入(&amp;I)</translation>
    </message>
</context>
<context>
    <name>RosterModel</name>
    <message>
        <location filename="../../rosterapp/ui/roster/model.py" line="149"/>
        <source> (provisional)</source>
        <translation>（暂定）</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/model.py" line="151"/>
        <source>adjusted working day</source>
        <translation>调休上班</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/model.py" line="266"/>
        <source>Proposed by the automatic fill: {code} (not written yet)</source>
        <translation>自动排班建议：{code}（尚未写入）</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/model.py" line="308"/>
        <source> (inactive)</source>
        <translation>（已停用）</translation>
    </message>
</context>
<context>
    <name>RosterPage</name>
    <message>
        <location filename="../../rosterapp/ui/roster/page.py" line="96"/>
        <source>{scope} — {first} to {last}, {people} people</source>
        <translation>{scope} — {first} 至 {last}，共 {people} 人</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/page.py" line="166"/>
        <source>Paste refused</source>
        <translation>无法粘贴</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/page.py" line="151"/>
        <source>&quot;{text}&quot; is neither a shift code ({codes}) nor an absence code ({absences}; keys 1–6)</source>
        <translation>“{text}”既不是班次代码（{codes}），也不是请休假代码（{absences}；快捷键 1–6）</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/page.py" line="167"/>
        <source>Nothing was changed: the block holds what is neither a shift code nor an absence code.</source>
        <translation>未做任何更改：粘贴的内容含有既非班次代码也非请休假代码的文字。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/page.py" line="185"/>
        <source>Apply rotation</source>
        <translation>套用轮班</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/page.py" line="186"/>
        <source>Select the people and days the rotation covers first.</source>
        <translation>请先选中要套用轮班的人员和日期。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/page.py" line="206"/>
        <source>The checks are still loading; what this changes shows after OK.</source>
        <translation>检查尚在加载，确定后再显示此操作的影响。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/page.py" line="212"/>
        <source>No new problems.</source>
        <translation>不会产生新的问题。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/page.py" line="214"/>
        <source>This adds {errors} errors and {warnings} warnings:</source>
        <translation>此操作将新增 {errors} 个错误、{warnings} 个警告：</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/page.py" line="217"/>
        <source>{count} problems go away.</source>
        <translation>将消除 {count} 个问题。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/page.py" line="231"/>
        <source>Copy a week forward</source>
        <translation>复制一周到下周</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/page.py" line="239"/>
        <source>Copy the month forward</source>
        <translation>复制本月到下月</translation>
    </message>
</context>
<context>
    <name>RotationDialog</name>
    <message>
        <location filename="../../rosterapp/ui/roster/rotation.py" line="45"/>
        <source>Apply rotation</source>
        <translation>套用轮班</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/rotation.py" line="56"/>
        <source>Each next person starts one day later</source>
        <translation>每下一人顺延一天</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/rotation.py" line="58"/>
        <source>Save pattern</source>
        <translation>保存轮班方式</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/rotation.py" line="60"/>
        <source>{people} people, {first} to {last}</source>
        <translation>{people} 人，{first} 至 {last}</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/rotation.py" line="81"/>
        <source>Pattern</source>
        <translation>轮班方式</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/rotation.py" line="83"/>
        <source>Pattern starts on</source>
        <translation>轮班起始日</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/rotation.py" line="85"/>
        <source>Applies to</source>
        <translation>适用范围</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/rotation.py" line="118"/>
        <source>Type a pattern such as 值休休.</source>
        <translation>请输入轮班方式，例如“值休休”。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/rotation.py" line="122"/>
        <source>Unknown codes: {codes}</source>
        <translation>未知班次：{codes}</translation>
    </message>
</context>
<context>
    <name>RunReports</name>
    <message>
        <location filename="../../rosterapp/ui/jobs.py" line="124"/>
        <source>The fill could not run: {reason}</source>
        <translation>自动填充未能运行：{reason}</translation>
    </message>
</context>
<context>
    <name>StaffDialog</name>
    <message>
        <location filename="../../rosterapp/ui/operations/staff_dialog.py" line="199"/>
        <source>Take vehicle off</source>
        <translation>撤下车辆</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/staff_dialog.py" line="201"/>
        <source>Take people off</source>
        <translation>撤下人员</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/staff_dialog.py" line="212"/>
        <source>Vehicles at this window</source>
        <translation>本时段车辆</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/staff_dialog.py" line="215"/>
        <source>Crew (double-click a role to change it)</source>
        <translation>人员（双击岗位可修改）</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/staff_dialog.py" line="235"/>
        <source>Staff window</source>
        <translation>时段力量部署</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/staff_dialog.py" line="258"/>
        <source>This window is no longer on the board.</source>
        <translation>该时段已不在勤务表上。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/staff_dialog.py" line="273"/>
        <source>Checking…</source>
        <translation>正在检查……</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/staff_dialog.py" line="277"/>
        <source>Free for this window</source>
        <translation>本时段可用</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/staff_dialog.py" line="294"/>
        <source>Take {what} off</source>
        <translation>撤下 {what}</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/staff_dialog.py" line="302"/>
        <source>Take {who} off</source>
        <translation>撤下 {who}</translation>
    </message>
</context>
<context>
    <name>StaffingGestures</name>
    <message>
        <location filename="../../rosterapp/ui/operations/gestures.py" line="54"/>
        <source>{who} is on leave until {end} ({kind})</source>
        <translation>{who}休假中，至 {end}（{kind}）</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/gestures.py" line="57"/>
        <source>{who} is not rested: {hours:g} h of rest, at least {minimum:g} h needed</source>
        <translation>{who}休息不足：仅休息 {hours:g} 小时，至少需要 {minimum:g} 小时</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/gestures.py" line="61"/>
        <source>{who} is not qualified to drive a fire engine</source>
        <translation>{who}无消防车驾驶资质</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/gestures.py" line="62"/>
        <source>{who} is not qualified to command (neither an officer nor 指挥员资格)</source>
        <translation>{who}不能任指挥员（既非指挥员衔级，也无指挥员资格）</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/gestures.py" line="64"/>
        <source>{who} is at {where} then ({start} – {end})</source>
        <translation>{who}该时段在{where}（{start} – {end}）</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/gestures.py" line="67"/>
        <source>{who} is already planned elsewhere then</source>
        <translation>{who}该时段已安排在别处</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/gestures.py" line="69"/>
        <source>{who} is already at this window</source>
        <translation>{who}已在该时段</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/gestures.py" line="71"/>
        <source>{who} is deactivated</source>
        <translation>{who}已停用</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/gestures.py" line="73"/>
        <source>{who} is in maintenance ({reason}) until {end}</source>
        <translation>{who}维修中（{reason}），至 {end}</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/gestures.py" line="76"/>
        <source>{who} is not in service</source>
        <translation>{who}不在用</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/gestures.py" line="77"/>
        <source>{who} is not known</source>
        <translation>{who}不存在</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/gestures.py" line="80"/>
        <source>Refused, nothing was changed: {reasons}.</source>
        <translation>未执行，数据未作任何改动：{reasons}。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/gestures.py" line="139"/>
        <source>Put {what} at {where}</source>
        <translation>派 {what} 至 {where}</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/gestures.py" line="157"/>
        <source>Put {who} at {where}</source>
        <translation>派 {who} 至 {where}</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/gestures.py" line="180"/>
        <source>The crew on duty with {vehicle}: {members}. Put them at this window too?</source>
        <translation>{vehicle} 的当日执勤班组：{members}。是否一并派往该时段？</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/gestures.py" line="204"/>
        <source>Put the crew of {vehicle} at {where}</source>
        <translation>派 {vehicle} 班组至 {where}</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/gestures.py" line="213"/>
        <source>Release the crew</source>
        <translation>撤下人员</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/gestures.py" line="214"/>
        <source>{count} people leave these windows. Do they return to station duty for the same hours, or are they off (休) that day?</source>
        <translation>{count} 人将撤离这些时段。他们在相同时段回站执勤，还是当天休息（休）？</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/gestures.py" line="217"/>
        <source>Back to station duty</source>
        <translation>回站执勤</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/gestures.py" line="218"/>
        <source>Off (休)</source>
        <translation>休息（休）</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/gestures.py" line="240"/>
        <source>Crew role: {role}</source>
        <translation>岗位：{role}</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/gestures.py" line="253"/>
        <source>Clear {count} windows</source>
        <translation>清空 {count} 个时段</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/gestures.py" line="269"/>
        <source>Copy {day} forward to {last} ({count} windows)</source>
        <translation>将 {day} 的部署复制至 {last}（{count} 个时段）</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/gestures.py" line="280"/>
        <source>Select a window of the day to copy first.</source>
        <translation>请先选择要复制的那一天的某个时段。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/gestures.py" line="297"/>
        <source>{count} windows filled</source>
        <translation>已部署 {count} 个时段</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/gestures.py" line="304"/>
        <source>; {count} left out</source>
        <translation>；{count} 项未复制</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/gestures.py" line="305"/>
        <source>Copy day forward</source>
        <translation>按日向后复制</translation>
    </message>
</context>
<context>
    <name>StagesModel</name>
    <message>
        <location filename="../../rosterapp/ui/operations/editor.py" line="54"/>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/editor.py" line="54"/>
        <source>From</source>
        <translation>起</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/editor.py" line="55"/>
        <source>To</source>
        <translation>止</translation>
    </message>
</context>
<context>
    <name>StationDialog</name>
    <message>
        <location filename="../../rosterapp/ui/registers/stations.py" line="287"/>
        <source>New station</source>
        <translation>新增消防救援站</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/stations.py" line="289"/>
        <source>&amp;Detachment:</source>
        <translation>支队(&amp;D)：</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/stations.py" line="289"/>
        <source>&amp;Name:</source>
        <translation>站名(&amp;N)：</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/stations.py" line="289"/>
        <source>&amp;Grade:</source>
        <translation>站级(&amp;G)：</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/stations.py" line="289"/>
        <source>Minimum &amp;people:</source>
        <translation>最低执勤人数(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/stations.py" line="290"/>
        <source>Minimum &amp;vehicles:</source>
        <translation>最低执勤车辆(&amp;V)：</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/stations.py" line="294"/>
        <source>for example 东直门消防救援站</source>
        <translation>例如 东直门消防救援站</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/stations.py" line="295"/>
        <source>The minimums are the people and vehicles on duty each duty day; at the lowest value they follow the grade&apos;s default.</source>
        <translation>最低值指每个执勤日在岗执勤的人数和车辆数；调到最小一档即采用该站级的默认值。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/stations.py" line="301"/>
        <location filename="../../rosterapp/ui/registers/stations.py" line="302"/>
        <source>Grade default ({count})</source>
        <translation>按站级默认（{count}）</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/stations.py" line="320"/>
        <source>Enter the station&apos;s name.</source>
        <translation>请填写站名。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/stations.py" line="323"/>
        <source>{name} already goes by this name.</source>
        <translation>{name} 已使用此名称。</translation>
    </message>
</context>
<context>
    <name>StationsModel</name>
    <message>
        <location filename="../../rosterapp/ui/registers/stations.py" line="55"/>
        <source>Detachment</source>
        <translation>支队</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/stations.py" line="56"/>
        <source>Station</source>
        <translation>消防救援站</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/stations.py" line="57"/>
        <source>Short name</source>
        <translation>简称</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/stations.py" line="58"/>
        <source>What clerks type for the station (the name without its suffix)</source>
        <translation>录入时可用的简称（去掉“消防救援站”等后缀）</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/stations.py" line="59"/>
        <source>Grade</source>
        <translation>站级</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/stations.py" line="60"/>
        <source>Min. people</source>
        <translation>最低人数</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/stations.py" line="61"/>
        <source>The fewest people the station keeps on duty each duty day</source>
        <translation>每个执勤日站内最少在岗执勤的人数</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/stations.py" line="62"/>
        <source>Min. vehicles</source>
        <translation>最低车辆</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/stations.py" line="63"/>
        <source>The fewest vehicles the station keeps ready each duty day</source>
        <translation>每个执勤日站内最少执勤的车辆数</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/stations.py" line="64"/>
        <source>People</source>
        <translation>人员</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/stations.py" line="64"/>
        <source>Active people</source>
        <translation>在岗人员</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/stations.py" line="65"/>
        <source>Vehicles</source>
        <translation>车辆</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/stations.py" line="65"/>
        <source>Active vehicles</source>
        <translation>在用车辆</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/stations.py" line="79"/>
        <source>The default of a {grade}</source>
        <translation>{grade}的默认值</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/stations.py" line="88"/>
        <source>{count} (default)</source>
        <translation>{count}（默认）</translation>
    </message>
</context>
<context>
    <name>StationsPage</name>
    <message>
        <location filename="../../rosterapp/ui/registers/stations.py" line="119"/>
        <source>Stations</source>
        <translation>消防救援站</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/stations.py" line="123"/>
        <source>Each station must keep a minimum of people and vehicles on duty every duty day; the checks report the days it falls short. An empty minimum takes the default of the station&apos;s grade.</source>
        <translation>每个消防救援站每个执勤日都须保持最低执勤人数和车辆数，检查会列出不足的日期。未设定的最低值采用该站级的默认值。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/stations.py" line="125"/>
        <source>&amp;Add station…</source>
        <translation>新增消防救援站(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/stations.py" line="126"/>
        <source>&amp;Edit station…</source>
        <translation>编辑消防救援站(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/stations.py" line="127"/>
        <source>New &amp;Station…</source>
        <translation>新增消防救援站(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/stations.py" line="128"/>
        <source>Add a station to a detachment</source>
        <translation>在支队下新增消防救援站</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/stations.py" line="133"/>
        <source>{scope}: {shown} stations</source>
        <translation>{scope}：{shown} 个消防救援站</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/stations.py" line="134"/>
        <source>All units</source>
        <translation>全部单位</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/stations.py" line="144"/>
        <location filename="../../rosterapp/ui/registers/stations.py" line="145"/>
        <source>{count} (default)</source>
        <translation>{count}（默认）</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/stations.py" line="199"/>
        <source>Add station {name}</source>
        <translation>新增消防救援站 {name}</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/stations.py" line="202"/>
        <source>Rename {old} to {name}</source>
        <translation>将 {old} 更名为 {name}</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/stations.py" line="203"/>
        <source>Edit station {name}</source>
        <translation>编辑消防救援站 {name}</translation>
    </message>
</context>
<context>
    <name>StatisticsActions</name>
    <message>
        <location filename="../../rosterapp/ui/statistics.py" line="509"/>
        <source>&amp;Statistics…</source>
        <translation>勤务统计(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/statistics.py" line="510"/>
        <source>Duty days, shifts, weekends, holidays, hours and leave per person</source>
        <translation>每人的值班天数、班次、周末、节假日、小时和请休假</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/statistics.py" line="511"/>
        <source>&amp;Totals columns</source>
        <translation>合计列(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/statistics.py" line="512"/>
        <source>Show each person&apos;s totals at the right of the grid</source>
        <translation>在排班表右侧显示每人的合计</translation>
    </message>
</context>
<context>
    <name>StatisticsModel</name>
    <message>
        <location filename="../../rosterapp/ui/statistics.py" line="88"/>
        <source>Station</source>
        <translation>消防救援站</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/statistics.py" line="88"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/statistics.py" line="88"/>
        <source>Staff no.</source>
        <translation>工号</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/statistics.py" line="88"/>
        <source>Position</source>
        <translation>职务</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/statistics.py" line="173"/>
        <source> (inactive)</source>
        <translation>（已离队）</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/statistics.py" line="182"/>
        <source>In {station}: most {most}, least {least}, a spread of {spread}</source>
        <translation>{station}：最多 {most}，最少 {least}，相差 {spread}</translation>
    </message>
</context>
<context>
    <name>StatisticsWindow</name>
    <message>
        <location filename="../../rosterapp/ui/statistics.py" line="363"/>
        <source>{people} people, {days} duty days, {hours} hours</source>
        <translation>{people} 人，值班 {days} 天，共 {hours} 小时</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/statistics.py" line="382"/>
        <location filename="../../rosterapp/ui/statistics.py" line="429"/>
        <source>Cannot print</source>
        <translation>无法打印</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/statistics.py" line="410"/>
        <source>Save Statistics as PDF</source>
        <translation>将勤务统计另存为 PDF</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/statistics.py" line="411"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/statistics.py" line="431"/>
        <source>Saved {path}: {pages} pages.</source>
        <translation>已保存 {path}：共 {pages} 页。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/statistics.py" line="437"/>
        <source>Duty statistics</source>
        <translation>勤务统计</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/statistics.py" line="438"/>
        <source>Unit:</source>
        <translation>单位：</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/statistics.py" line="439"/>
        <source>From</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/statistics.py" line="440"/>
        <source>Grid&apos;s month</source>
        <translation>排班表所在月</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/statistics.py" line="441"/>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/statistics.py" line="442"/>
        <source>Preview…</source>
        <translation>打印预览…</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/statistics.py" line="443"/>
        <source>Save as PDF…</source>
        <translation>另存为 PDF…</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/statistics.py" line="445"/>
        <source>&lt;span style=&apos;background:{most}&apos;&gt;&amp;nbsp;most&amp;nbsp;&lt;/span&gt; &lt;span style=&apos;background:{least}&apos;&gt;&amp;nbsp;least&amp;nbsp;&lt;/span&gt; in the station (duty days, hours, nights, weekends). A duty counts on the day it starts; 晚 and 夜 are night shifts, 早 and 中 day shifts.</source>
        <translation>&lt;span style=&apos;background:{most}&apos;&gt;&amp;nbsp;最多&amp;nbsp;&lt;/span&gt; &lt;span style=&apos;background:{least}&apos;&gt;&amp;nbsp;最少&amp;nbsp;&lt;/span&gt;：站内值班天数、小时、夜班、周末的最多与最少。勤务按开始之日计；晚班、夜班计为夜班，早班、中班计为白班。</translation>
    </message>
</context>
<context>
    <name>SubPlanEdits</name>
    <message>
        <location filename="../../rosterapp/ui/operations/subplans.py" line="386"/>
        <source>Submit…</source>
        <translation>上报…</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/subplans.py" line="386"/>
        <source>Approve…</source>
        <translation>批准…</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/subplans.py" line="386"/>
        <source>Return…</source>
        <translation>退回…</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/subplans.py" line="387"/>
        <source>Reopen…</source>
        <translation>重新打开…</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/subplans.py" line="387"/>
        <source>Compare versions…</source>
        <translation>对比版本…</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/subplans.py" line="389"/>
        <source>Su&amp;bmit sub-plan…</source>
        <translation>上报分方案(&amp;B)…</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/subplans.py" line="390"/>
        <source>Submit the selected detachment&apos;s sub-plan to headquarters: a version is frozen</source>
        <translation>把所选支队的分方案上报总队：冻结为一个版本</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/subplans.py" line="391"/>
        <source>A&amp;pprove sub-plan…</source>
        <translation>批准分方案(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/subplans.py" line="392"/>
        <source>Approve the submitted version: its posts, windows, crews and deployments are locked</source>
        <translation>批准上报的版本：其点位、时段、人员和车辆随即锁定</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/subplans.py" line="393"/>
        <source>&amp;Return sub-plan…</source>
        <translation>退回分方案(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/subplans.py" line="394"/>
        <source>Send the submitted version back to the detachment with a comment</source>
        <translation>附意见把上报的版本退回支队</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/subplans.py" line="395"/>
        <source>Re&amp;open sub-plan…</source>
        <translation>重新打开分方案(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/subplans.py" line="396"/>
        <source>Make the sub-plan a draft again so that it can be amended and submitted again</source>
        <translation>把分方案改回草稿，以便修改后重新上报</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/subplans.py" line="397"/>
        <source>Compare &amp;versions…</source>
        <translation>对比版本(&amp;V)…</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/subplans.py" line="398"/>
        <source>Two versions of the selected sub-plan side by side, or a version and the draft</source>
        <translation>并排对比所选分方案的两个版本，或某一版本与当前草稿</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/subplans.py" line="406"/>
        <source>Sub-plans (分方案)</source>
        <translation>分方案</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/subplans.py" line="489"/>
        <source>The sub-plans could not be read: {reason}</source>
        <translation>无法读取分方案：{reason}</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/subplans.py" line="510"/>
        <source>No detachment has a post in this task yet.</source>
        <translation>本任务还没有任何支队的点位。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/subplans.py" line="516"/>
        <source>Overall plan (总体方案): {taken} of {total} detachments&apos; versions · approved {approved} · submitted {submitted} · returned {returned} · draft {draft}</source>
        <translation>总体方案：已采用 {taken}/{total} 个支队的版本 · 已批准 {approved} · 已上报 {submitted} · 退回 {returned} · 草稿 {draft}</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/subplans.py" line="552"/>
        <source>{detachment}: version {number} is approved. Its posts, windows, crews and deployments are locked; to amend them headquarters reopens it.</source>
        <translation>{detachment}：第 {number} 版已批准，点位、时段、人员和车辆已锁定；如需修改，须由总队重新打开。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/subplans.py" line="555"/>
        <source>{detachment}: the draft was changed after version {number} was submitted; submit it again before headquarters can approve it.</source>
        <translation>{detachment}：第 {number} 版上报后草稿又有改动，须重新上报，总队才能批准。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/subplans.py" line="558"/>
        <source>{detachment}: version {number} is submitted and waits for headquarters to approve or return it.</source>
        <translation>{detachment}：第 {number} 版已上报，等待总队批准或退回。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/subplans.py" line="561"/>
        <source>{detachment}: version {number} was returned: {comment}. Amend the posts, then submit again.</source>
        <translation>{detachment}：第 {number} 版被退回：{comment}。请修改后重新上报。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/subplans.py" line="564"/>
        <source>{detachment} has no post in this task: there is nothing to submit.</source>
        <translation>{detachment}在本任务中没有点位，无需上报。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/subplans.py" line="566"/>
        <source>{detachment}: draft, reopened after version {number}. Submit it again when it is ready.</source>
        <translation>{detachment}：草稿，第 {number} 版之后已重新打开。改好后请重新上报。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/subplans.py" line="569"/>
        <source>{detachment}: draft, not submitted yet. Submit it when its posts and crews are ready: a version is frozen for headquarters.</source>
        <translation>{detachment}：草稿，尚未上报。点位和人员安排好后上报，系统为总队冻结一个版本。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/subplans.py" line="573"/>
        <source>Only headquarters approves, returns and reopens sub-plans.</source>
        <translation>只有总队可以批准、退回和重新打开分方案。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/subplans.py" line="574"/>
        <source>You may not submit another detachment&apos;s sub-plan.</source>
        <translation>不能上报其他支队的分方案。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/subplans.py" line="582"/>
        <source>Submit sub-plan</source>
        <translation>上报分方案</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/subplans.py" line="583"/>
        <source>Submit the sub-plan of {detachment} ({posts} posts) to headquarters as version {next}? The version is frozen as it stands now.</source>
        <translation>将{detachment}的分方案（{posts} 个点位）作为第 {next} 版上报总队？该版本按现在的内容冻结。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/subplans.py" line="586"/>
        <source>Submit</source>
        <translation>上报</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/subplans.py" line="586"/>
        <source>Submit the sub-plan of {detachment}</source>
        <translation>上报{detachment}分方案</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/subplans.py" line="588"/>
        <source>Approve sub-plan</source>
        <translation>批准分方案</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/subplans.py" line="589"/>
        <source>Approve version {number} of the sub-plan of {detachment}? Its posts, windows, crews and deployments are then locked until headquarters reopens it.</source>
        <translation>批准{detachment}分方案第 {number} 版？批准后其点位、时段、人员和车辆将锁定，直到总队重新打开。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/subplans.py" line="592"/>
        <source>Approve</source>
        <translation>批准</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/subplans.py" line="592"/>
        <source>Approve the sub-plan of {detachment}</source>
        <translation>批准{detachment}分方案</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/subplans.py" line="594"/>
        <source>Return sub-plan</source>
        <translation>退回分方案</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/subplans.py" line="595"/>
        <source>Return version {number} of the sub-plan of {detachment} to the detachment? Say what must change.</source>
        <translation>把{detachment}分方案第 {number} 版退回支队？请写明需要修改什么。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/subplans.py" line="597"/>
        <source>Return</source>
        <translation>退回</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/subplans.py" line="597"/>
        <source>Return the sub-plan of {detachment}</source>
        <translation>退回{detachment}分方案</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/subplans.py" line="598"/>
        <source>Reopen sub-plan</source>
        <translation>重新打开分方案</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/subplans.py" line="599"/>
        <source>Reopen the sub-plan of {detachment}? It becomes a draft that can be edited; the overall plan keeps version {number} until it is submitted again.</source>
        <translation>重新打开{detachment}的分方案？它将改回可以修改的草稿；在重新上报之前，总体方案仍采用第 {number} 版。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/subplans.py" line="602"/>
        <source>Reopen</source>
        <translation>重新打开</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/subplans.py" line="602"/>
        <source>Reopen the sub-plan of {detachment}</source>
        <translation>重新打开{detachment}分方案</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/subplans.py" line="629"/>
        <source>Refused, nothing was changed: {reason}</source>
        <translation>未执行，没有任何改动：{reason}</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/subplans.py" line="633"/>
        <source>The sub-plan of {detachment} was submitted.</source>
        <translation>{detachment}的分方案已上报。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/subplans.py" line="634"/>
        <source>The sub-plan of {detachment} was approved; its posts are locked.</source>
        <translation>{detachment}的分方案已批准，其点位已锁定。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/subplans.py" line="635"/>
        <source>The sub-plan of {detachment} was returned to the detachment.</source>
        <translation>{detachment}的分方案已退回支队。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/subplans.py" line="636"/>
        <source>The sub-plan of {detachment} was reopened: it is a draft again.</source>
        <translation>{detachment}的分方案已重新打开，现为草稿。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/subplans.py" line="686"/>
        <source>locked</source>
        <translation>已锁定</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/subplans.py" line="687"/>
        <source>Approved · locked: the sub-plan of this post&apos;s detachment is approved; its windows, crews and vehicles cannot be changed until headquarters reopens it.</source>
        <translation>已批准·已锁定：该点位所属支队的分方案已批准，其时段、人员和车辆在总队重新打开之前不能修改。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/subplans.py" line="690"/>
        <source>Approved · locked: the sub-plans of {detachments}. Their posts, windows, crews and deployments cannot be changed; headquarters reopens a sub-plan to amend it.</source>
        <translation>已批准·已锁定：{detachments}的分方案。其点位、时段、人员和车辆不能修改；如需修改，须由总队重新打开。</translation>
    </message>
</context>
<context>
    <name>SubPlanModel</name>
    <message>
        <location filename="../../rosterapp/ui/operations/subplans.py" line="80"/>
        <source>Detachment</source>
        <translation>支队</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/subplans.py" line="80"/>
        <source>The detachment responsible for the posts</source>
        <translation>负责这些点位的支队</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/subplans.py" line="81"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/subplans.py" line="81"/>
        <source>draft · submitted · approved (locked) · returned</source>
        <translation>草稿 · 已上报 · 已批准（已锁定）· 退回</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/subplans.py" line="82"/>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/subplans.py" line="82"/>
        <source>The latest version submitted</source>
        <translation>最近上报的版本</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/subplans.py" line="83"/>
        <source>In the overall plan</source>
        <translation>总体方案采用</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/subplans.py" line="84"/>
        <source>The version the overall plan (总体方案) takes: the latest submitted or approved one</source>
        <translation>总体方案采用的版本：最近一次上报或批准的版本</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/subplans.py" line="85"/>
        <source>Posts</source>
        <translation>点位</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/subplans.py" line="85"/>
        <source>The detachment&apos;s posts in this task</source>
        <translation>该支队在本任务中的点位数</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/subplans.py" line="86"/>
        <source>Edited</source>
        <translation>改动</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/subplans.py" line="86"/>
        <source>The draft differs from the latest version submitted</source>
        <translation>草稿与最近上报的版本不同</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/subplans.py" line="87"/>
        <source>Last change</source>
        <translation>最后更改</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/subplans.py" line="87"/>
        <source>When the state last changed, and by whom</source>
        <translation>状态最后一次更改的时间和操作人</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/subplans.py" line="88"/>
        <source>Comment</source>
        <translation>意见</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/subplans.py" line="88"/>
        <source>The comment given with the last action (why it was returned…)</source>
        <translation>最后一次操作附带的意见（例如退回原因）</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/subplans.py" line="92"/>
        <source>v{number}</source>
        <translation>第 {number} 版</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/subplans.py" line="99"/>
        <source>{state} · locked</source>
        <translation>{state}·已锁定</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/subplans.py" line="107"/>
        <source>edited</source>
        <translation>已改动</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/subplans.py" line="149"/>
        <source>The draft was changed after version {number} was submitted: it must be submitted again before it can be approved.</source>
        <translation>第 {number} 版上报后草稿又有改动：须重新上报后才能批准。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/subplans.py" line="152"/>
        <source>The overall plan still takes version {taken}; version {latest} was returned.</source>
        <translation>总体方案仍采用第 {taken} 版；第 {latest} 版已被退回。</translation>
    </message>
</context>
<context>
    <name>SwapDialog</name>
    <message>
        <location filename="../../rosterapp/ui/roster/swaps.py" line="96"/>
        <source>Shift swap</source>
        <translation>换班</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/swaps.py" line="96"/>
        <source>Stand-in</source>
        <translation>替班</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/swaps.py" line="100"/>
        <source>{station}: {name} gives the duty of {day} and takes one back.</source>
        <translation>{station}：{name} 交出 {day} 的班，并换回一个班。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/swaps.py" line="101"/>
        <source>{station}: {name} gives the duty of {day}, and owes a pay-back (还班).</source>
        <translation>{station}：{name} 交出 {day} 的班，之后需还班。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/swaps.py" line="116"/>
        <source>e.g. 家中有事</source>
        <translation>如：家中有事</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/swaps.py" line="124"/>
        <source>one of the station&apos;s officers, or a name</source>
        <translation>本站干部，或填写站外人员姓名</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/swaps.py" line="138"/>
        <source>With:</source>
        <translation>与谁换班：</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/swaps.py" line="138"/>
        <source>Stood in by:</source>
        <translation>替班人：</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/swaps.py" line="140"/>
        <source>Takes back the duty of:</source>
        <translation>换回哪天的班：</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/swaps.py" line="143"/>
        <source>Reason:</source>
        <translation>事由：</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/swaps.py" line="144"/>
        <source>Approved by:</source>
        <translation>批准人：</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/swaps.py" line="202"/>
        <source>Choose who takes the duty.</source>
        <translation>请选择接班的人。</translation>
    </message>
</context>
<context>
    <name>SwapGestures</name>
    <message>
        <location filename="../../rosterapp/ui/roster/swaps.py" line="374"/>
        <source>Swaps and &amp;pay-backs owed…</source>
        <translation>换班与待还班(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/swaps.py" line="375"/>
        <source>The shift swaps recorded and the pay-backs (还班) still owed</source>
        <translation>已登记的换班，以及尚未还班的替班</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/swaps.py" line="413"/>
        <source>Shift swap (换班)…</source>
        <translation>换班…</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/swaps.py" line="415"/>
        <source>Stand-in (替班)…</source>
        <translation>替班…</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/swaps.py" line="420"/>
        <source>Right-click a duty cell (值, 白, 夜…) to swap it.</source>
        <translation>请在执勤格（值、白、夜…）上右键换班。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/swaps.py" line="423"/>
        <source>Swaps and pay-backs owed…</source>
        <translation>换班与待还班…</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/swaps.py" line="457"/>
        <source>Drop on another person&apos;s duty to swap the two days (换班), or on their day off the same day for a stand-in (替班).</source>
        <translation>拖到另一人的执勤格上即互换两天的班（换班）；拖到其同一天的休息格上即替班。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/swaps.py" line="477"/>
        <source>Drop the duty on another person&apos;s cell.</source>
        <translation>请把班拖到另一个人的格子上。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/swaps.py" line="512"/>
        <source>Swap {a} {day_a} ⇄ {b} {day_b}</source>
        <translation>换班 {a} {day_a} ⇄ {b} {day_b}</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/swaps.py" line="520"/>
        <source>Stand-in: {b} for {a} on {day}</source>
        <translation>替班：{b} 替 {a}（{day}）</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/swaps.py" line="528"/>
        <source>Pay-back: {b} for {a} on {day}</source>
        <translation>还班：{b} 替 {a}（{day}）</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/swaps.py" line="545"/>
        <source>The checks could not run ({reason}); the swap was not made.</source>
        <translation>无法完成检查（{reason}），未换班。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/swaps.py" line="546"/>
        <source>still loading</source>
        <translation>仍在加载</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/swaps.py" line="555"/>
        <source>Refused: this would add {errors} errors (and {warnings} warnings):</source>
        <translation>不能换班：将产生 {errors} 个错误（及 {warnings} 个警告）：</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/swaps.py" line="558"/>
        <source>This adds {warnings} warnings:</source>
        <translation>将产生 {warnings} 个警告：</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/swaps.py" line="559"/>
        <source>No new problems.</source>
        <translation>不会产生新问题。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/swaps.py" line="565"/>
        <source>{role} {day} goes with the duty: {giver} → {taker}</source>
        <translation>{role}（{day}）随勤务移交：{giver} → {taker}</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/swaps.py" line="574"/>
        <source>Swap refused</source>
        <translation>换班被拒绝</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/swaps.py" line="575"/>
        <source>Nothing was changed: this swap would add {count} errors.</source>
        <translation>未作任何改动：此次换班将产生 {count} 个错误。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/swaps.py" line="584"/>
        <source>Swap with warnings</source>
        <translation>换班会产生警告</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/swaps.py" line="585"/>
        <source>This swap adds {count} warnings. Make it anyway?</source>
        <translation>此次换班将产生 {count} 个警告，仍要换班吗？</translation>
    </message>
</context>
<context>
    <name>TaskEdits</name>
    <message>
        <location filename="../../rosterapp/ui/operations/tasks.py" line="55"/>
        <source>New security task {name}</source>
        <translation>新建保卫任务 {name}</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/tasks.py" line="82"/>
        <source>Edit security task {name}</source>
        <translation>编辑保卫任务 {name}</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/tasks.py" line="97"/>
        <source>New security task {name} from an earlier one</source>
        <translation>以往任务为基础新建 {name}</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/tasks.py" line="113"/>
        <source>Delete security task</source>
        <translation>删除保卫任务</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/tasks.py" line="114"/>
        <source>Delete {name} with its posts and their staffing? Undo (Ctrl+Z) brings it back.</source>
        <translation>删除 {name} 及其全部点位和部署？可用撤销（Ctrl+Z）恢复。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/tasks.py" line="122"/>
        <source>Delete security task {name}</source>
        <translation>删除保卫任务 {name}</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/tasks.py" line="143"/>
        <source>New post {code}</source>
        <translation>新建点位 {code}</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/tasks.py" line="169"/>
        <source>Edit post {code}</source>
        <translation>编辑点位 {code}</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/tasks.py" line="184"/>
        <source>Delete post</source>
        <translation>删除点位</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/tasks.py" line="185"/>
        <source>Delete post {code} with its staffing? Undo (Ctrl+Z) brings it back.</source>
        <translation>删除点位 {code} 及其部署？可用撤销（Ctrl+Z）恢复。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/tasks.py" line="193"/>
        <source>Delete post {code}</source>
        <translation>删除点位 {code}</translation>
    </message>
</context>
<context>
    <name>TotalsModel</name>
    <message>
        <location filename="../../rosterapp/ui/roster/totals.py" line="107"/>
        <source>Duty days</source>
        <translation>值班天数</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/totals.py" line="107"/>
        <source>24-hour duties</source>
        <translation>24小时执勤</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/totals.py" line="107"/>
        <source>Day shifts (白, 早, 中)</source>
        <translation>白班（白、早、中）</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/totals.py" line="108"/>
        <source>Night shifts (夜, 晚)</source>
        <translation>夜班（夜、晚）</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/totals.py" line="108"/>
        <source>Duty days on a weekend that is not a working day (调休)</source>
        <translation>周末值班天数（调休上班日不计）</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/totals.py" line="109"/>
        <source>Duty days on a public holiday</source>
        <translation>节假日值班天数</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/totals.py" line="109"/>
        <source>Duty hours, post duties included</source>
        <translation>值班小时（含点位勤务）</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/totals.py" line="110"/>
        <source>Days of leave</source>
        <translation>请休假天数</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/totals.py" line="110"/>
        <source>Open stand-ins the person owes a pay-back for</source>
        <translation>待还的替班</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/roster/totals.py" line="126"/>
        <source> over the days shown; a duty counts on the day it starts</source>
        <translation>（所示日期内；勤务按开始之日计）</translation>
    </message>
</context>
<context>
    <name>VehicleBoardModel</name>
    <message>
        <location filename="../../rosterapp/ui/boards/vehicle_board.py" line="81"/>
        <source>Maint.</source>
        <translation>维修</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/boards/vehicle_board.py" line="90"/>
        <source>At post {post}</source>
        <translation>在点位 {post}</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/boards/vehicle_board.py" line="92"/>
        <source>Lent to {station}</source>
        <translation>借调至 {station}</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/boards/vehicle_board.py" line="96"/>
        <source>At its station, {station}</source>
        <translation>在本站（{station}）</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/boards/vehicle_board.py" line="98"/>
        <source>Maintenance: {reason}</source>
        <translation>维修：{reason}</translation>
    </message>
</context>
<context>
    <name>VehicleDialog</name>
    <message>
        <location filename="../../rosterapp/ui/registers/vehicle_dialog.py" line="240"/>
        <source>New vehicle</source>
        <translation>新增车辆</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/vehicle_dialog.py" line="241"/>
        <source>{call_sign} ({plate})</source>
        <translation>{call_sign}（{plate}）</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/vehicle_dialog.py" line="244"/>
        <source>&amp;Plate:</source>
        <translation>车牌号(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/vehicle_dialog.py" line="244"/>
        <source>&amp;Call sign:</source>
        <translation>呼号(&amp;C)：</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/vehicle_dialog.py" line="244"/>
        <source>&amp;Type:</source>
        <translation>车型(&amp;T)：</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/vehicle_dialog.py" line="245"/>
        <source>&amp;Detachment:</source>
        <translation>支队(&amp;D)：</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/vehicle_dialog.py" line="245"/>
        <source>S&amp;tation:</source>
        <translation>消防救援站(&amp;S)：</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/vehicle_dialog.py" line="245"/>
        <source>S&amp;eats:</source>
        <translation>座位数(&amp;E)：</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/vehicle_dialog.py" line="246"/>
        <source>St&amp;atus:</source>
        <translation>状态(&amp;A)：</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/vehicle_dialog.py" line="246"/>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/vehicle_dialog.py" line="246"/>
        <source>&amp;Water:</source>
        <translation>载水量(&amp;W)：</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/vehicle_dialog.py" line="247"/>
        <source>&amp;Foam:</source>
        <translation>载泡沫量(&amp;F)：</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/vehicle_dialog.py" line="247"/>
        <source>Dry &amp;powder:</source>
        <translation>载干粉量(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/vehicle_dialog.py" line="255"/>
        <source>for example 京X·1234应急</source>
        <translation>例如 京X·1234应急</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/vehicle_dialog.py" line="256"/>
        <source>for example 前门1号水罐</source>
        <translation>例如 前门1号水罐</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/vehicle_dialog.py" line="257"/>
        <location filename="../../rosterapp/ui/registers/vehicle_dialog.py" line="264"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/vehicle_dialog.py" line="258"/>
        <source>Maintenance windows (the vehicle is out of service)</source>
        <translation>维修时段（期间车辆不能执勤）</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/vehicle_dialog.py" line="259"/>
        <source>A&amp;dd window</source>
        <translation>添加维修(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/vehicle_dialog.py" line="260"/>
        <source>Re&amp;move</source>
        <translation>移除(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/vehicle_dialog.py" line="262"/>
        <source>From</source>
        <translation>起</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/vehicle_dialog.py" line="263"/>
        <source>To</source>
        <translation>止</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/vehicle_dialog.py" line="301"/>
        <source>Enter the plate.</source>
        <translation>请填写车牌号。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/vehicle_dialog.py" line="305"/>
        <source>Plate {value} is already registered.</source>
        <translation>车牌号 {value} 已登记。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/vehicle_dialog.py" line="307"/>
        <source>Choose the vehicle type.</source>
        <translation>请选择车型。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/vehicle_dialog.py" line="309"/>
        <source>Choose the station.</source>
        <translation>请选择消防救援站。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/vehicle_dialog.py" line="349"/>
        <source>The last day must not be before the first.</source>
        <translation>结束日期不能早于开始日期。</translation>
    </message>
</context>
<context>
    <name>VehiclesModel</name>
    <message>
        <location filename="../../rosterapp/ui/registers/vehicles.py" line="44"/>
        <source>Call sign</source>
        <translation>呼号</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/vehicles.py" line="44"/>
        <source>Radio call sign</source>
        <translation>电台呼号</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/vehicles.py" line="45"/>
        <source>Plate</source>
        <translation>车牌号</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/vehicles.py" line="46"/>
        <source>Type</source>
        <translation>车型</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/vehicles.py" line="47"/>
        <source>Detachment</source>
        <translation>支队</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/vehicles.py" line="48"/>
        <source>Station</source>
        <translation>消防救援站</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/vehicles.py" line="49"/>
        <source>Seats</source>
        <translation>座位</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/vehicles.py" line="50"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/vehicles.py" line="50"/>
        <source>In service, in maintenance or reserve</source>
        <translation>在用、维修或备用</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/vehicles.py" line="51"/>
        <source>Maintenance</source>
        <translation>维修</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/vehicles.py" line="52"/>
        <source>The maintenance window under way, or else the next one</source>
        <translation>当前的维修时段，没有则为下一次</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/vehicles.py" line="53"/>
        <source>In use</source>
        <translation>启用</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/vehicles.py" line="54"/>
        <source>Inactive vehicles are kept for their history</source>
        <translation>停用的车辆保留历史记录</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/vehicles.py" line="55"/>
        <source>Water t / foam t / powder kg</source>
        <translation>水(吨) / 泡沫(吨) / 干粉(公斤)</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/vehicles.py" line="56"/>
        <source>The extinguishing agents the vehicle carries (执勤实力)</source>
        <translation>车辆载运的灭火剂（执勤实力）</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/vehicles.py" line="62"/>
        <source>Active</source>
        <translation>启用</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/vehicles.py" line="62"/>
        <source>Inactive</source>
        <translation>已停用</translation>
    </message>
</context>
<context>
    <name>VehiclesPage</name>
    <message>
        <location filename="../../rosterapp/ui/registers/vehicles.py" line="153"/>
        <source>Vehicles</source>
        <translation>车辆</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/vehicles.py" line="156"/>
        <source>Call sign, plate or type</source>
        <translation>呼号、车牌号或车型</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/vehicles.py" line="157"/>
        <source>&amp;Add vehicle…</source>
        <translation>新增车辆(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/vehicles.py" line="158"/>
        <source>&amp;Edit…</source>
        <translation>编辑(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/vehicles.py" line="159"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/vehicles.py" line="160"/>
        <source>New &amp;Vehicle…</source>
        <translation>新增车辆(&amp;V)…</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/vehicles.py" line="161"/>
        <source>Add a vehicle to the register</source>
        <translation>在车辆名册中新增一辆车</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/vehicles.py" line="170"/>
        <source>All detachments</source>
        <translation>全部支队</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/vehicles.py" line="173"/>
        <source>All types</source>
        <translation>全部车型</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/vehicles.py" line="175"/>
        <source>Any status</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/vehicles.py" line="177"/>
        <source>Active and inactive</source>
        <translation>启用和已停用</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/vehicles.py" line="177"/>
        <source>Active</source>
        <translation>启用</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/vehicles.py" line="178"/>
        <location filename="../../rosterapp/ui/registers/vehicles.py" line="232"/>
        <source>Inactive</source>
        <translation>已停用</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/vehicles.py" line="182"/>
        <source>All stations</source>
        <translation>全部消防救援站</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/vehicles.py" line="197"/>
        <source>{scope}: {shown} of {total} vehicles shown</source>
        <translation>{scope}：显示 {shown} 辆，共 {total} 辆</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/vehicles.py" line="198"/>
        <source>All units</source>
        <translation>全部单位</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/vehicles.py" line="207"/>
        <source>Deactivate</source>
        <translation>停用</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/vehicles.py" line="207"/>
        <source>Reactivate</source>
        <translation>恢复启用</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/vehicles.py" line="211"/>
        <source>This vehicle has crews or deployments on record: deactivate it instead.</source>
        <translation>此车已有车组或调派记录：请改为停用。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/vehicles.py" line="212"/>
        <source>Delete a vehicle entered by mistake (only without crews or deployments on record).</source>
        <translation>删除误录入的车辆（仅限没有车组或调派记录的车辆）。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/vehicles.py" line="275"/>
        <source>Add {name}</source>
        <translation>新增车辆 {name}</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/vehicles.py" line="276"/>
        <source>Edit {name}</source>
        <translation>编辑车辆 {name}</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/vehicles.py" line="293"/>
        <source>Deactivate {name}</source>
        <translation>停用 {name}</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/vehicles.py" line="297"/>
        <source>Reactivate {name}</source>
        <translation>恢复启用 {name}</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/vehicles.py" line="310"/>
        <source>Cannot delete</source>
        <translation>不能删除</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/vehicles.py" line="311"/>
        <source>{name} has crews or deployments on record and cannot be deleted; deactivate it instead.</source>
        <translation>{name} 已有车组或调派记录，不能删除，请改为停用。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/vehicles.py" line="317"/>
        <source>Delete {name}</source>
        <translation>删除 {name}</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/registers/vehicles.py" line="320"/>
        <source>{name} deleted; Undo brings it back.</source>
        <translation>已删除 {name}；撤销可恢复。</translation>
    </message>
</context>
<context>
    <name>WindowVehiclesModel</name>
    <message>
        <location filename="../../rosterapp/ui/operations/staff_dialog.py" line="46"/>
        <source>Vehicle</source>
        <translation>车辆</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/staff_dialog.py" line="46"/>
        <source>Type</source>
        <translation>车型</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/staff_dialog.py" line="47"/>
        <source>Plate</source>
        <translation>车牌号</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/operations/staff_dialog.py" line="47"/>
        <source>Station</source>
        <translation>消防救援站</translation>
    </message>
</context>
<context>
    <name>application</name>
    <message>
        <location filename="../../rosterapp/ui/application.py" line="145"/>
        <source>rosterapp — cannot open the database</source>
        <translation>rosterapp — 无法打开数据库</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/application.py" line="153"/>
        <source>rosterapp — no database there</source>
        <translation>rosterapp — 数据库不存在</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/application.py" line="154"/>
        <source>There is no database at {path}.

Create a new, empty database there?</source>
        <translation>{path} 处没有数据库。

要在此处新建一个空数据库吗？</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/application.py" line="163"/>
        <source>rosterapp — the database is damaged</source>
        <translation>rosterapp — 数据库已损坏</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/application.py" line="164"/>
        <source>{message}

Restore that backup now? The damaged file is kept beside it if it can still be read.</source>
        <translation>{message}

现在恢复该备份吗？如果损坏的文件仍可读取，它会保存在备份旁边。</translation>
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
<context>
    <name>login</name>
    <message>
        <location filename="../../rosterapp/ui/login.py" line="105"/>
        <source>clerk, {detachment}</source>
        <translation>内勤，{detachment}</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/login.py" line="106"/>
        <source>owner of the database</source>
        <translation>数据库所有者</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/login.py" line="107"/>
        <source>administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/login.py" line="108"/>
        <source>headquarters</source>
        <translation>总队</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/login.py" line="109"/>
        <source>viewer: reads only</source>
        <translation>查看者：只读</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/login.py" line="110"/>
        <source>reads only: not a user of this database</source>
        <translation>只读：不是此数据库的用户</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/login.py" line="115"/>
        <source>{login} ({role})</source>
        <translation>{login}（{role}）</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/login.py" line="124"/>
        <source>This user has been disabled and may no longer log in; ask an administrator.</source>
        <translation>该用户已被停用，不能再登录；请联系管理员。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/login.py" line="155"/>
        <source>Wrong user name or password. Type them again (the password is case-sensitive).</source>
        <translation>用户名或密码错误，请重新输入（密码区分大小写）。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/login.py" line="159"/>
        <source>There is no database {name} on this server; check the server address.</source>
        <translation>服务器上没有数据库 {name}，请检查服务器地址。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/login.py" line="162"/>
        <source>This user may not use the database {name}; ask an administrator.</source>
        <translation>该用户无权使用数据库 {name}，请联系管理员。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/login.py" line="165"/>
        <source>The server cannot be reached ({detail}). Check the server address and the network, or ask whoever runs the server whether it is up.</source>
        <translation>无法连接服务器（{detail}）。请检查服务器地址和网络，或询问服务器管理人员服务器是否在运行。</translation>
    </message>
    <message>
        <location filename="../../rosterapp/ui/login.py" line="170"/>
        <source>The server refused the connection: {detail}</source>
        <translation>服务器拒绝了连接：{detail}</translation>
    </message>
</context>
</TS>
