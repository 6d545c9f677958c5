<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_US">
<context>
    <name>AttractScreen</name>
    <message>
        <location filename="../qml/AttractScreen.qml" line="39" />
        <source>请触摸屏幕开始</source>
        <translation>Touch the screen to start</translation>
    </message>
    <message>
        <location filename="../qml/AttractScreen.qml" line="52" />
        <source>取号暂停</source>
        <translation>Queue tickets paused</translation>
    </message>
</context>
<context>
    <name>BigButton</name>
    <message>
        <location filename="../qml/BigButton.qml" line="58" />
        <source>暂停服务</source>
        <translation>Not available</translation>
    </message>
</context>
<context>
    <name>CategoryScreen</name>
    <message>
        <location filename="../qml/CategoryScreen.qml" line="11" />
        <source>请选择业务类别</source>
        <translation>Choose the type of business</translation>
    </message>
    <message>
        <location filename="../qml/CategoryScreen.qml" line="12" />
        <source>不清楚选哪一项，请选“综合咨询”</source>
        <translation>Not sure? Choose “General enquiries”.</translation>
    </message>
</context>
<context>
    <name>ConfirmScreen</name>
    <message>
        <location filename="../qml/ConfirmScreen.qml" line="12" />
        <source>请确认：%1</source>
        <translation>Please confirm: %1</translation>
    </message>
    <message>
        <location filename="../qml/ConfirmScreen.qml" line="18" />
        <source>申请人：%1</source>
        <translation>Applicant: %1</translation>
    </message>
    <message>
        <location filename="../qml/ConfirmScreen.qml" line="23" />
        <source>确认后立即生效，网络不通时也会先在本机登记，稍后自动上报。</source>
        <translation>It takes effect as soon as you confirm. If the network is down, this terminal records it and reports it later by itself.</translation>
    </message>
    <message>
        <location filename="../qml/ConfirmScreen.qml" line="32" />
        <source>正在登记，请稍候…</source>
        <translation>Recording, please wait…</translation>
    </message>
    <message>
        <location filename="../qml/ConfirmScreen.qml" line="41" />
        <source>确认办理</source>
        <translation>Confirm</translation>
    </message>
</context>
<context>
    <name>GuideDetailScreen</name>
    <message>
        <location filename="../qml/GuideDetailScreen.qml" line="21" />
        <source>所需材料</source>
        <translation>What to bring</translation>
    </message>
    <message>
        <location filename="../qml/GuideDetailScreen.qml" line="36" />
        <source>办理时限</source>
        <translation>Time limit</translation>
    </message>
    <message>
        <location filename="../qml/GuideDetailScreen.qml" line="37" />
        <source>收费标准</source>
        <translation>Fees</translation>
    </message>
    <message>
        <location filename="../qml/GuideDetailScreen.qml" line="38" />
        <source>办理地点</source>
        <translation>Where to go</translation>
    </message>
    <message>
        <location filename="../qml/GuideDetailScreen.qml" line="60" />
        <source>打印这份指南</source>
        <translation>Print this guide</translation>
    </message>
    <message>
        <location filename="../qml/GuideDetailScreen.qml" line="68" />
        <source>看完了</source>
        <translation>Done</translation>
    </message>
</context>
<context>
    <name>GuidesScreen</name>
    <message>
        <location filename="../qml/GuidesScreen.qml" line="8" />
        <source>按主题</source>
        <translation>By theme</translation>
    </message>
    <message>
        <location filename="../qml/GuidesScreen.qml" line="8" />
        <source>按人生事件</source>
        <translation>By life event</translation>
    </message>
    <message>
        <location filename="../qml/GuidesScreen.qml" line="9" />
        <source>按部门</source>
        <translation>By department</translation>
    </message>
    <message>
        <location filename="../qml/GuidesScreen.qml" line="9" />
        <source>搜索</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../qml/GuidesScreen.qml" line="20" />
        <source>办事指南</source>
        <translation>Service guide</translation>
    </message>
    <message>
        <location filename="../qml/GuidesScreen.qml" line="69" />
        <source>按拼音首字母搜索，如“社保缴费”按 S B J F</source>
        <translation>Search by pinyin initials, e.g. S B J F for 社保缴费</translation>
    </message>
    <message>
        <location filename="../qml/GuidesScreen.qml" line="76" />
        <source>或点常用词：</source>
        <translation>Or touch a common word:</translation>
    </message>
    <message>
        <location filename="../qml/GuidesScreen.qml" line="106" />
        <source>没有找到相关指南，换个词试试，或到咨询台询问。</source>
        <translation>No guide found. Try another word, or ask at the information desk.</translation>
    </message>
    <message>
        <location filename="../qml/GuidesScreen.qml" line="107" />
        <source>请在左边选择一项。</source>
        <translation>Choose an item on the left.</translation>
    </message>
</context>
<context>
    <name>Header</name>
    <message>
        <location filename="../qml/Header.qml" line="44" />
        <source>语音播报</source>
        <translation>Voice</translation>
    </message>
    <message>
        <location filename="../qml/Header.qml" line="50" />
        <source>长辈模式</source>
        <translation>Elder mode</translation>
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message>
        <location filename="../qml/HomeScreen.qml" line="19" />
        <source>请选择您要办理的业务</source>
        <translation>What would you like to do?</translation>
    </message>
    <message>
        <location filename="../qml/HomeScreen.qml" line="48" />
        <source>上一页</source>
        <translation>Previous</translation>
    </message>
    <message>
        <location filename="../qml/HomeScreen.qml" line="53" />
        <source>第 %1 / %2 页</source>
        <translation>Page %1 of %2</translation>
    </message>
    <message>
        <location filename="../qml/HomeScreen.qml" line="61" />
        <source>下一页</source>
        <translation>Next</translation>
    </message>
    <message>
        <source>领取排队号码，凭号到窗口办理</source>
        <translation>Get a queue number, then go to the counter when it is called</translation>
    </message>
</context>
<context>
    <name>IdentifyScreen</name>
    <message>
        <location filename="../qml/IdentifyScreen.qml" line="15" />
        <source>请将身份证放在感应区</source>
        <translation>Place your ID card on the reader</translation>
    </message>
    <message>
        <location filename="../qml/IdentifyScreen.qml" line="16" />
        <source>感应区在屏幕下方，标有身份证图案。放好后请不要移动。</source>
        <translation>The reader is below the screen, marked with an ID card sign. Keep the card still once it is in place.</translation>
    </message>
    <message>
        <location filename="../qml/IdentifyScreen.qml" line="25" />
        <source>正在等待读卡…</source>
        <translation>Waiting for your card…</translation>
    </message>
    <message>
        <location filename="../qml/IdentifyScreen.qml" line="41" />
        <source>重新读卡</source>
        <translation>Read the card again</translation>
    </message>
    <message>
        <location filename="../qml/IdentifyScreen.qml" line="49" />
        <source>不刷身份证，直接取号</source>
        <translation>Continue without an ID card</translation>
    </message>
    <message>
        <location filename="../qml/IdentifyScreen.qml" line="50" />
        <source>咨询业务可以不刷身份证</source>
        <translation>Questions need no ID card</translation>
    </message>
    <message>
        <location filename="../qml/IdentifyScreen.qml" line="64" />
        <source>感应区</source>
        <translation>Reader</translation>
    </message>
    <message>
        <location filename="../qml/IdentifyScreen.qml" line="75" />
        <source>身份证</source>
        <translation>ID card</translation>
    </message>
</context>
<context>
    <name>IssuingScreen</name>
    <message>
        <location filename="../qml/IssuingScreen.qml" line="12" />
        <source>您好，%1</source>
        <translation>Hello, %1</translation>
    </message>
    <message>
        <location filename="../qml/IssuingScreen.qml" line="18" />
        <source>正在为您取号并打印凭条，请稍候…</source>
        <translation>Getting your number and printing your ticket…</translation>
    </message>
</context>
<context>
    <name>Keypad</name>
    <message>
        <location filename="../qml/Keypad.qml" line="11" />
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../qml/Keypad.qml" line="47" />
        <source>清空</source>
        <translation>Clear</translation>
    </message>
    <message>
        <location filename="../qml/Keypad.qml" line="47" />
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../qml/Keypad.qml" line="72" />
        <source>请先输入完整的号码</source>
        <translation>Enter the whole number first</translation>
    </message>
</context>
<context>
    <name>KindScreen</name>
    <message>
        <location filename="../qml/KindScreen.qml" line="10" />
        <source>您来办理什么？</source>
        <translation>What have you come for?</translation>
    </message>
    <message>
        <location filename="../qml/KindScreen.qml" line="19" />
        <source>需要刷身份证</source>
        <translation>Needs your ID card</translation>
    </message>
    <message>
        <location filename="../qml/KindScreen.qml" line="19" />
        <source>无需身份证</source>
        <translation>No ID card needed</translation>
    </message>
</context>
<context>
    <name>LetterPad</name>
    <message>
        <location filename="../qml/LetterPad.qml" line="37" />
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../qml/LetterPad.qml" line="38" />
        <source>清空</source>
        <translation>Clear</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <location filename="../qml/Main.qml" line="12" />
        <source>政务服务一体机</source>
        <translation>Government self-service terminal</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <location filename="../messages.py" line="15" />
        <source>打印机缺纸，请到窗口办理</source>
        <translation>The printer is out of paper. Please go to a service counter.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="16" />
        <source>打印机盖未关好，请到窗口办理</source>
        <translation>The printer cover is open. Please go to a service counter.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="17" />
        <source>打印机卡纸，请到窗口办理</source>
        <translation>The printer has a paper jam. Please go to a service counter.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="18" />
        <source>打印机暂时无法使用，请到窗口办理</source>
        <translation>The printer is not working right now. Please go to a service counter.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="19" />
        <source>本机没有凭条打印机，请到窗口办理</source>
        <translation>This terminal has no ticket printer. Please go to a service counter.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="20" />
        <source>打印机故障，请到窗口办理</source>
        <translation>The printer has a fault. Please go to a service counter.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="21" />
        <source>身份证阅读器暂时无法使用，请到窗口办理</source>
        <translation>The ID card reader is not working right now. Please go to a service counter.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="22" />
        <source>本机没有身份证阅读器，请到窗口办理</source>
        <translation>This terminal has no ID card reader. Please go to a service counter.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="23" />
        <source>身份证阅读器故障，请到窗口办理</source>
        <translation>The ID card reader has a fault. Please go to a service counter.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="24" />
        <source>需要联网办理，网络暂时不通，请到窗口办理</source>
        <translation>This service needs the network, which is down right now. Please go to a service counter.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="25" />
        <source>A4 打印机缺纸，请到窗口办理</source>
        <translation>The A4 printer is out of paper. Please go to a service counter.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="26" />
        <source>A4 打印机卡纸，请到窗口办理</source>
        <translation>The A4 printer has a paper jam. Please go to a service counter.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="27" />
        <source>A4 打印机暂时无法使用，请到窗口办理</source>
        <translation>The A4 printer is not working right now. Please go to a service counter.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="28" />
        <source>本机没有 A4 打印机，请到窗口办理</source>
        <translation>This terminal has no A4 printer. Please go to a service counter.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="29" />
        <source>A4 打印机故障，请到窗口办理</source>
        <translation>The A4 printer has a fault. Please go to a service counter.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="30" />
        <source>取件柜暂时无法使用，请到窗口领取</source>
        <translation>The lockers are not working right now. Please collect at a service counter.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="31" />
        <source>本机没有取件柜，请到窗口领取</source>
        <translation>This terminal has no lockers. Please collect at a service counter.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="32" />
        <source>取件柜故障，请到窗口领取</source>
        <translation>The lockers have a fault. Please collect at a service counter.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="34" />
        <source>没有读到身份证。请把身份证平放在感应区，再点“重新读卡”。</source>
        <translation>No ID card was read. Lay the card flat on the reader, then press “Read the card again”.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="35" />
        <source>身份证拿开得太快了。请把身份证放好，不要移动，再点“重新读卡”。</source>
        <translation>The card was taken away too soon. Put it back, keep it still, then press “Read the card again”.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="36" />
        <source>这张证件读不出来。请换个位置再放一次，或到窗口办理。</source>
        <translation>This card could not be read. Place it again a little differently, or go to a service counter.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="37" />
        <source>本机暂不支持这种证件，请到窗口办理。</source>
        <translation>This terminal cannot read this kind of card yet. Please go to a service counter.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="38" />
        <source>身份证阅读器出了故障，请到窗口办理。</source>
        <translation>The ID card reader has a fault. Please go to a service counter.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="39" />
        <source>取号没有成功，请到窗口办理。</source>
        <translation>We could not give you a number. Please go to a service counter.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="41" />
        <source>凭条没有打印出来（打印机缺纸）。您的号码有效，请记下号码。</source>
        <translation>The ticket did not print (out of paper). Your number is valid: please write it down.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="42" />
        <source>凭条没有打印出来（打印机盖未关好）。您的号码有效，请记下号码。</source>
        <translation>The ticket did not print (printer cover open). Your number is valid: please write it down.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="43" />
        <source>凭条没有打印出来。您的号码有效，请记下号码。</source>
        <translation>The ticket did not print. Your number is valid: please write it down.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="48" />
        <source>请到 %1 号柜门取走您的证件，取完请关好柜门。</source>
        <translation>Please take your documents from door %1 and close the door afterwards.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="49" />
        <source>取件码和身份证对不上。请核对短信里的取件码再输入一次。</source>
        <translation>The code does not match your ID card. Check the code in your text message and enter it again.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="50" />
        <source>这个取件码的证件已经取走了。如有疑问请到窗口咨询。</source>
        <translation>The documents for this code have already been collected. Please ask at a service counter if in doubt.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="51" />
        <source>取件码已过期，请到窗口领取。</source>
        <translation>This code has expired. Please collect at a service counter.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="52" />
        <source>取件码输错次数太多，请 15 分钟后再试，或到窗口领取。</source>
        <translation>Too many wrong codes. Try again in 15 minutes, or collect at a service counter.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="53" />
        <source>取件信息还没有同步到本机，请到窗口领取。</source>
        <translation>This terminal has not received the pickup details yet. Please collect at a service counter.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="54" />
        <source>本机没有取件柜，请到窗口领取。</source>
        <translation>This terminal has no lockers. Please collect at a service counter.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="55" />
        <source>柜门没有打开，请到窗口领取，工作人员会帮您处理。</source>
        <translation>The door did not open. Please go to a service counter; the staff will help you.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="60" />
        <source>请在下方出纸口取走您的文件，共 %1 页。</source>
        <translation>Please take your document from the tray below: %1 page(s).</translation>
    </message>
    <message>
        <location filename="../messages.py" line="61" />
        <source>暂时取不到您的证明（网络或系统原因）。请稍后再试，或到窗口办理。</source>
        <translation>Your certificate cannot be fetched right now (network or system). Try again later, or go to a service counter.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="62" />
        <source>证明没有打印出来（打印机原因），请到窗口办理。</source>
        <translation>The certificate did not print (printer problem). Please go to a service counter.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="63" />
        <source>本机没有 A4 打印机，请到窗口办理。</source>
        <translation>This terminal has no A4 printer. Please go to a service counter.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="68" />
        <source>正在打印…</source>
        <translation>Printing…</translation>
    </message>
    <message>
        <location filename="../messages.py" line="69" />
        <source>已打印，请取走凭条。</source>
        <translation>Printed. Please take the slip.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="70" />
        <source>打印机缺纸，没有打印出来。</source>
        <translation>The printer is out of paper: nothing was printed.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="77" />
        <source>没有打印出来，请到咨询台索取。</source>
        <translation>It did not print. Please ask at the information desk.</translation>
    </message>
</context>
<context>
    <name>NavBar</name>
    <message>
        <location filename="../qml/NavBar.qml" line="17" />
        <source>返回</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../qml/NavBar.qml" line="24" />
        <source>结束办理</source>
        <translation>Finish</translation>
    </message>
</context>
<context>
    <name>OpeningScreen</name>
    <message>
        <location filename="../qml/OpeningScreen.qml" line="11" />
        <source>您好，%1</source>
        <translation>Hello, %1</translation>
    </message>
    <message>
        <location filename="../qml/OpeningScreen.qml" line="17" />
        <source>正在核对取件码并打开柜门，请稍候…</source>
        <translation>Checking your code and opening the door…</translation>
    </message>
</context>
<context>
    <name>PickupCodeScreen</name>
    <message>
        <location filename="../qml/PickupCodeScreen.qml" line="13" />
        <source>请输入取件码</source>
        <translation>Enter your pickup code</translation>
    </message>
    <message>
        <location filename="../qml/PickupCodeScreen.qml" line="14" />
        <source>取件码在办好证件时收到的短信里，是 6 位数字。输入后请按“确定”，再放身份证。</source>
        <translation>The 6-digit code is in the text message you got when your documents were ready. Press “OK”, then place your ID card.</translation>
    </message>
</context>
<context>
    <name>PickupResultScreen</name>
    <message>
        <location filename="../qml/PickupResultScreen.qml" line="17" />
        <source>%1 号柜门已打开</source>
        <translation>Door %1 is open</translation>
    </message>
    <message>
        <location filename="../qml/PickupResultScreen.qml" line="30" />
        <source>请记得取回您的身份证。</source>
        <translation>Remember to take your ID card.</translation>
    </message>
    <message>
        <location filename="../qml/PickupResultScreen.qml" line="39" />
        <source>重新输入取件码</source>
        <translation>Enter the code again</translation>
    </message>
    <message>
        <location filename="../qml/PickupResultScreen.qml" line="48" />
        <source>我已取件</source>
        <translation>I have my documents</translation>
    </message>
    <message>
        <location filename="../qml/PickupResultScreen.qml" line="48" />
        <source>结束办理</source>
        <translation>Finish</translation>
    </message>
</context>
<context>
    <name>PrintedScreen</name>
    <message>
        <location filename="../qml/PrintedScreen.qml" line="13" />
        <source>《%1》已打印</source>
        <translation>%1 printed</translation>
    </message>
    <message>
        <location filename="../qml/PrintedScreen.qml" line="26" />
        <source>请记得取回您的身份证。</source>
        <translation>Remember to take your ID card.</translation>
    </message>
    <message>
        <location filename="../qml/PrintedScreen.qml" line="34" />
        <source>我已取走文件</source>
        <translation>I have my document</translation>
    </message>
    <message>
        <location filename="../qml/PrintedScreen.qml" line="34" />
        <source>结束办理</source>
        <translation>Finish</translation>
    </message>
</context>
<context>
    <name>PrintingScreen</name>
    <message>
        <location filename="../qml/PrintingScreen.qml" line="12" />
        <source>您好，%1</source>
        <translation>Hello, %1</translation>
    </message>
    <message>
        <location filename="../qml/PrintingScreen.qml" line="18" />
        <source>正在为您查询并打印《%1》，请稍候…</source>
        <translation>Fetching and printing your %1…</translation>
    </message>
    <message>
        <location filename="../qml/PrintingScreen.qml" line="23" />
        <source>打印一般需要半分钟，请不要离开。</source>
        <translation>Printing usually takes about half a minute. Please stay here.</translation>
    </message>
</context>
<context>
    <name>QueryingScreen</name>
    <message>
        <location filename="../qml/QueryingScreen.qml" line="11" />
        <source>您好，%1</source>
        <translation>Hello, %1</translation>
    </message>
    <message>
        <location filename="../qml/QueryingScreen.qml" line="17" />
        <source>正在查询，请稍候…</source>
        <translation>Looking up your records…</translation>
    </message>
</context>
<context>
    <name>RatingReasonScreen</name>
    <message>
        <location filename="../qml/RatingReasonScreen.qml" line="6" />
        <source>等候时间太长</source>
        <translation>I waited too long</translation>
    </message>
    <message>
        <location filename="../qml/RatingReasonScreen.qml" line="6" />
        <source>机器操作太复杂</source>
        <translation>The machine is hard to use</translation>
    </message>
    <message>
        <location filename="../qml/RatingReasonScreen.qml" line="7" />
        <source>设备出了故障</source>
        <translation>A device did not work</translation>
    </message>
    <message>
        <location filename="../qml/RatingReasonScreen.qml" line="7" />
        <source>办事指引说得不清楚</source>
        <translation>The guidance was unclear</translation>
    </message>
    <message>
        <location filename="../qml/RatingReasonScreen.qml" line="8" />
        <source>工作人员服务态度</source>
        <translation>Staff attitude</translation>
    </message>
    <message>
        <location filename="../qml/RatingReasonScreen.qml" line="8" />
        <source>其他原因</source>
        <translation>Something else</translation>
    </message>
    <message>
        <location filename="../qml/RatingReasonScreen.qml" line="17" />
        <source>请告诉我们哪里做得不好</source>
        <translation>Please tell us what went wrong</translation>
    </message>
    <message>
        <location filename="../qml/RatingReasonScreen.qml" line="18" />
        <source>选一项最主要的原因，我们会认真改进。</source>
        <translation>Choose the main reason. We will work on it.</translation>
    </message>
</context>
<context>
    <name>RatingScreen</name>
    <message>
        <location filename="../qml/RatingScreen.qml" line="8" />
        <source>非常满意</source>
        <translation>Very satisfied</translation>
    </message>
    <message>
        <location filename="../qml/RatingScreen.qml" line="8" />
        <source>满意</source>
        <translation>Satisfied</translation>
    </message>
    <message>
        <location filename="../qml/RatingScreen.qml" line="9" />
        <source>基本满意</source>
        <translation>Fairly satisfied</translation>
    </message>
    <message>
        <location filename="../qml/RatingScreen.qml" line="9" />
        <source>不满意</source>
        <translation>Dissatisfied</translation>
    </message>
    <message>
        <location filename="../qml/RatingScreen.qml" line="10" />
        <source>非常不满意</source>
        <translation>Very dissatisfied</translation>
    </message>
    <message>
        <location filename="../qml/RatingScreen.qml" line="19" />
        <source>请对本次服务进行评价</source>
        <translation>How was our service today?</translation>
    </message>
    <message>
        <location filename="../qml/RatingScreen.qml" line="20" />
        <source>您的评价帮助我们改进服务</source>
        <translation>Your rating helps us improve</translation>
    </message>
    <message>
        <location filename="../qml/RatingScreen.qml" line="68" />
        <source>跳过</source>
        <translation>Skip</translation>
    </message>
</context>
<context>
    <name>ResultsScreen</name>
    <message>
        <location filename="../qml/ResultsScreen.qml" line="16" />
        <source>共 %1 条记录</source>
        <translation>%1 records</translation>
    </message>
    <message>
        <location filename="../qml/ResultsScreen.qml" line="17" />
        <source>暂时查不到（网络或系统原因）。请稍后再试，或到窗口办理。</source>
        <translation>Your records cannot be looked up right now (network or system). Try again later, or go to a service counter.</translation>
    </message>
    <message>
        <location filename="../qml/ResultsScreen.qml" line="57" />
        <source>没有查到记录。</source>
        <translation>No records found.</translation>
    </message>
    <message>
        <location filename="../qml/ResultsScreen.qml" line="69" />
        <source>上一页</source>
        <translation>Previous</translation>
    </message>
    <message>
        <location filename="../qml/ResultsScreen.qml" line="75" />
        <source>第 %1 / %2 页</source>
        <translation>Page %1 of %2</translation>
    </message>
    <message>
        <location filename="../qml/ResultsScreen.qml" line="83" />
        <source>下一页</source>
        <translation>Next</translation>
    </message>
    <message>
        <location filename="../qml/ResultsScreen.qml" line="97" />
        <source>打印查询结果</source>
        <translation>Print the results</translation>
    </message>
    <message>
        <location filename="../qml/ResultsScreen.qml" line="103" />
        <source>完成</source>
        <translation>Done</translation>
    </message>
</context>
<context>
    <name>SubmittedScreen</name>
    <message>
        <location filename="../qml/SubmittedScreen.qml" line="13" />
        <source>%1 已受理</source>
        <translation>%1: received</translation>
    </message>
    <message>
        <location filename="../qml/SubmittedScreen.qml" line="14" />
        <source>没有登记成功，请到窗口办理。</source>
        <translation>It could not be recorded. Please go to a service counter.</translation>
    </message>
    <message>
        <location filename="../qml/SubmittedScreen.qml" line="22" />
        <source>受理编号：%1</source>
        <translation>Reference: %1</translation>
    </message>
    <message>
        <location filename="../qml/SubmittedScreen.qml" line="29" />
        <source>请取走受理回执</source>
        <translation>Please take your receipt</translation>
    </message>
    <message>
        <location filename="../qml/SubmittedScreen.qml" line="35" />
        <source>请记得取回您的身份证。</source>
        <translation>Remember to take your ID card.</translation>
    </message>
    <message>
        <location filename="../qml/SubmittedScreen.qml" line="43" />
        <source>完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../qml/SubmittedScreen.qml" line="43" />
        <source>结束办理</source>
        <translation>Finish</translation>
    </message>
</context>
<context>
    <name>TicketScreen</name>
    <message>
        <location filename="../qml/TicketScreen.qml" line="16" />
        <source>您的号码</source>
        <translation>Your number</translation>
    </message>
    <message>
        <location filename="../qml/TicketScreen.qml" line="29" />
        <source>前面还有 %1 人等候</source>
        <translation>%1 people ahead of you</translation>
    </message>
    <message>
        <location filename="../qml/TicketScreen.qml" line="36" />
        <source>请取走凭条</source>
        <translation>Please take your ticket</translation>
    </message>
    <message>
        <location filename="../qml/TicketScreen.qml" line="49" />
        <source>请留意叫号屏和广播。如使用了身份证，请记得取回。</source>
        <translation>Watch the display and listen for your number. If you used your ID card, remember to take it.</translation>
    </message>
    <message>
        <location filename="../qml/TicketScreen.qml" line="57" />
        <source>我已取走凭条</source>
        <translation>I have my ticket</translation>
    </message>
    <message>
        <location filename="../qml/TicketScreen.qml" line="57" />
        <source>我已记下号码</source>
        <translation>I have written it down</translation>
    </message>
    <message>
        <location filename="../qml/TicketScreen.qml" line="58" />
        <source>返回首页</source>
        <translation>Back to start</translation>
    </message>
</context>
<context>
    <name>TimeoutDialog</name>
    <message>
        <location filename="../qml/TimeoutDialog.qml" line="19" />
        <source>您还需要更多时间吗？</source>
        <translation>Do you need more time?</translation>
    </message>
    <message>
        <location filename="../qml/TimeoutDialog.qml" line="25" />
        <source>%1 秒后将返回首页，本次填写的信息将被清除。</source>
        <translation>In %1 seconds the terminal returns to the start and clears what you entered.</translation>
    </message>
    <message>
        <location filename="../qml/TimeoutDialog.qml" line="32" />
        <source>继续办理</source>
        <translation>Continue</translation>
    </message>
</context>
</TS>