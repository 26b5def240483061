<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!--
  Chinese for the strings of Qt's own dialogs that Qt's shipped catalogue (qtbase_zh_CN.qm) leaves in
  English or words differently from the rest of the program. rosterapp/ui/translations.py installs the
  compiled .qm after Qt's catalogue, so these win. Found by opening each dialog under zh_CN with a
  translator that records every lookup (tests/ui/test_qt_dialogs_chinese.py checks that none is left);
  tools/update_translations.sh compiles it. Written by hand: lupdate has no sources for Qt's contexts.
-->
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>QFileDialog</name>
    <message><source>&amp;Look in:</source><translation>查找范围(&amp;L)：</translation></message>
    <message><source>Look in:</source><translation>查找范围：</translation></message>
    <message><source>Files of &amp;type:</source><translation>文件类型(&amp;T)：</translation></message>
    <message><source>Files of type:</source><translation>文件类型：</translation></message>
</context>
<context>
    <name>QAbstractFileIconProvider</name>
    <message><source>Folder</source><comment>All other platforms</comment><translation>文件夹</translation></message>
    <message><source>Folder</source><comment>Match Windows Explorer</comment><translation>文件夹</translation></message>
    <message><source>Folder</source><translation>文件夹</translation></message>
    <message><source>Drive</source><translation>驱动器</translation></message>
</context>
<context>
    <name>QFileSystemModel</name>
    <message><source>Folder</source><comment>All other platforms</comment><translation>文件夹</translation></message>
    <message><source>Drive</source><translation>驱动器</translation></message>
    <message><source>Size</source><translation>大小</translation></message>
</context>
<context>
    <name>QPrintSettingsOutput</name>
    <message><source>Page &amp;Set:</source><translation>打印页面(&amp;S)：</translation></message>
</context>
<context>
    <name>QPageSetupWidget</name>
    <message><source>Page &amp;order:</source><translation>页面顺序(&amp;O)：</translation></message>
    <message><source>Pages &amp;per sheet:</source><translation>每张纸页数(&amp;P)：</translation></message>
</context>
<context>
    <name>QCupsJobWidget</name>
    <message><source>Scheduled &amp;printing:</source><translation>定时打印(&amp;P)：</translation></message>
    <message><source>&amp;Billing information:</source><translation>计费信息(&amp;B)：</translation></message>
    <message><source>Job &amp;priority:</source><translation>作业优先级(&amp;R)：</translation></message>
    <message><source>&amp;Start:</source><comment>Banner page at start</comment><translation>开始(&amp;S)：</translation></message>
    <message><source>&amp;End:</source><comment>Banner page at end</comment><translation>结束(&amp;E)：</translation></message>
</context>
<context>
    <name>QLineEdit</name>
    <message><source>&amp;Undo</source><translation>撤销(&amp;U)</translation></message>
</context>
<context>
    <name>QWidgetTextControl</name>
    <message><source>&amp;Undo</source><translation>撤销(&amp;U)</translation></message>
</context>
<context>
    <name>QUndoStack</name>
    <message><source>Undo %1</source><translation>撤销 %1</translation></message>
    <message><source>Undo</source><comment>Default text for undo action</comment><translation>撤销</translation></message>
</context>
<context>
    <name>QUndoGroup</name>
    <message><source>Undo %1</source><translation>撤销 %1</translation></message>
    <message><source>Undo</source><comment>Default text for undo action</comment><translation>撤销</translation></message>
</context>
</TS>
