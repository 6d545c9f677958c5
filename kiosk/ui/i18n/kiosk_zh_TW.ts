<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_TW">
<context>
    <name>AttractScreen</name>
    <message>
        <location filename="../qml/AttractScreen.qml" line="39" />
        <source>请触摸屏幕开始</source>
        <translation>請觸摸螢幕開始</translation>
    </message>
    <message>
        <location filename="../qml/AttractScreen.qml" line="52" />
        <source>取号暂停</source>
        <translation>取號暫停</translation>
    </message>
</context>
<context>
    <name>BigButton</name>
    <message>
        <location filename="../qml/BigButton.qml" line="58" />
        <source>暂停服务</source>
        <translation>暫停服務</translation>
    </message>
</context>
<context>
    <name>CategoryScreen</name>
    <message>
        <location filename="../qml/CategoryScreen.qml" line="11" />
        <source>请选择业务类别</source>
        <translation>請選擇業務類別</translation>
    </message>
    <message>
        <location filename="../qml/CategoryScreen.qml" line="12" />
        <source>不清楚选哪一项，请选“综合咨询”</source>
        <translation>不清楚選哪一項，請選「綜合諮詢」</translation>
    </message>
</context>
<context>
    <name>ConfirmScreen</name>
    <message>
        <location filename="../qml/ConfirmScreen.qml" line="12" />
        <source>请确认：%1</source>
        <translation>請確認：%1</translation>
    </message>
    <message>
        <location filename="../qml/ConfirmScreen.qml" line="18" />
        <source>申请人：%1</source>
        <translation>申請人：%1</translation>
    </message>
    <message>
        <location filename="../qml/ConfirmScreen.qml" line="23" />
        <source>确认后立即生效，网络不通时也会先在本机登记，稍后自动上报。</source>
        <translation>確認後立即生效，網絡不通時也會先在本機登記，稍後自動上報。</translation>
    </message>
    <message>
        <location filename="../qml/ConfirmScreen.qml" line="32" />
        <source>正在登记，请稍候…</source>
        <translation>正在登記，請稍候…</translation>
    </message>
    <message>
        <location filename="../qml/ConfirmScreen.qml" line="41" />
        <source>确认办理</source>
        <translation>確認辦理</translation>
    </message>
</context>
<context>
    <name>GuideDetailScreen</name>
    <message>
        <location filename="../qml/GuideDetailScreen.qml" line="21" />
        <source>所需材料</source>
        <translation>所需材料</translation>
    </message>
    <message>
        <location filename="../qml/GuideDetailScreen.qml" line="36" />
        <source>办理时限</source>
        <translation>辦理時限</translation>
    </message>
    <message>
        <location filename="../qml/GuideDetailScreen.qml" line="37" />
        <source>收费标准</source>
        <translation>收費標準</translation>
    </message>
    <message>
        <location filename="../qml/GuideDetailScreen.qml" line="38" />
        <source>办理地点</source>
        <translation>辦理地點</translation>
    </message>
    <message>
        <location filename="../qml/GuideDetailScreen.qml" line="60" />
        <source>打印这份指南</source>
        <translation>列印這份指南</translation>
    </message>
    <message>
        <location filename="../qml/GuideDetailScreen.qml" line="68" />
        <source>看完了</source>
        <translation>看完了</translation>
    </message>
</context>
<context>
    <name>GuidesScreen</name>
    <message>
        <location filename="../qml/GuidesScreen.qml" line="8" />
        <source>按主题</source>
        <translation>按主題</translation>
    </message>
    <message>
        <location filename="../qml/GuidesScreen.qml" line="8" />
        <source>按人生事件</source>
        <translation>按人生事件</translation>
    </message>
    <message>
        <location filename="../qml/GuidesScreen.qml" line="9" />
        <source>按部门</source>
        <translation>按部門</translation>
    </message>
    <message>
        <location filename="../qml/GuidesScreen.qml" line="9" />
        <source>搜索</source>
        <translation>搜尋</translation>
    </message>
    <message>
        <location filename="../qml/GuidesScreen.qml" line="20" />
        <source>办事指南</source>
        <translation>辦事指南</translation>
    </message>
    <message>
        <location filename="../qml/GuidesScreen.qml" line="69" />
        <source>按拼音首字母搜索，如“社保缴费”按 S B J F</source>
        <translation>按拼音首字母搜尋，如「社保繳費」按 S B J F</translation>
    </message>
    <message>
        <location filename="../qml/GuidesScreen.qml" line="76" />
        <source>或点常用词：</source>
        <translation>或點常用詞：</translation>
    </message>
    <message>
        <location filename="../qml/GuidesScreen.qml" line="106" />
        <source>没有找到相关指南，换个词试试，或到咨询台询问。</source>
        <translation>沒有找到相關指南，換個詞試試，或到諮詢台詢問。</translation>
    </message>
    <message>
        <location filename="../qml/GuidesScreen.qml" line="107" />
        <source>请在左边选择一项。</source>
        <translation>請在左邊選擇一項。</translation>
    </message>
</context>
<context>
    <name>Header</name>
    <message>
        <location filename="../qml/Header.qml" line="44" />
        <source>语音播报</source>
        <translation>語音播報</translation>
    </message>
    <message>
        <location filename="../qml/Header.qml" line="50" />
        <source>长辈模式</source>
        <translation>長輩模式</translation>
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message>
        <location filename="../qml/HomeScreen.qml" line="19" />
        <source>请选择您要办理的业务</source>
        <translation>請選擇您要辦理的業務</translation>
    </message>
    <message>
        <location filename="../qml/HomeScreen.qml" line="48" />
        <source>上一页</source>
        <translation>上一頁</translation>
    </message>
    <message>
        <location filename="../qml/HomeScreen.qml" line="53" />
        <source>第 %1 / %2 页</source>
        <translation>第 %1 / %2 頁</translation>
    </message>
    <message>
        <location filename="../qml/HomeScreen.qml" line="61" />
        <source>下一页</source>
        <translation>下一頁</translation>
    </message>
    <message>
        <source>领取排队号码，凭号到窗口办理</source>
        <translation>領取排隊號碼，憑號到窗口辦理</translation>
    </message>
</context>
<context>
    <name>IdentifyScreen</name>
    <message>
        <location filename="../qml/IdentifyScreen.qml" line="15" />
        <source>请将身份证放在感应区</source>
        <translation>請將身份證放在感應區</translation>
    </message>
    <message>
        <location filename="../qml/IdentifyScreen.qml" line="16" />
        <source>感应区在屏幕下方，标有身份证图案。放好后请不要移动。</source>
        <translation>感應區在螢幕下方，標有身份證圖案。放好後請不要移動。</translation>
    </message>
    <message>
        <location filename="../qml/IdentifyScreen.qml" line="25" />
        <source>正在等待读卡…</source>
        <translation>正在等待讀卡…</translation>
    </message>
    <message>
        <location filename="../qml/IdentifyScreen.qml" line="41" />
        <source>重新读卡</source>
        <translation>重新讀卡</translation>
    </message>
    <message>
        <location filename="../qml/IdentifyScreen.qml" line="49" />
        <source>不刷身份证，直接取号</source>
        <translation>不刷身份證，直接取號</translation>
    </message>
    <message>
        <location filename="../qml/IdentifyScreen.qml" line="50" />
        <source>咨询业务可以不刷身份证</source>
        <translation>諮詢業務可以不刷身份證</translation>
    </message>
    <message>
        <location filename="../qml/IdentifyScreen.qml" line="64" />
        <source>感应区</source>
        <translation>感應區</translation>
    </message>
    <message>
        <location filename="../qml/IdentifyScreen.qml" line="75" />
        <source>身份证</source>
        <translation>身份證</translation>
    </message>
</context>
<context>
    <name>IssuingScreen</name>
    <message>
        <location filename="../qml/IssuingScreen.qml" line="12" />
        <source>您好，%1</source>
        <translation>您好，%1</translation>
    </message>
    <message>
        <location filename="../qml/IssuingScreen.qml" line="18" />
        <source>正在为您取号并打印凭条，请稍候…</source>
        <translation>正在為您取號並列印憑條，請稍候…</translation>
    </message>
</context>
<context>
    <name>Keypad</name>
    <message>
        <location filename="../qml/Keypad.qml" line="11" />
        <source>确定</source>
        <translation>確定</translation>
    </message>
    <message>
        <location filename="../qml/Keypad.qml" line="47" />
        <source>清空</source>
        <translation>清空</translation>
    </message>
    <message>
        <location filename="../qml/Keypad.qml" line="47" />
        <source>删除</source>
        <translation>刪除</translation>
    </message>
    <message>
        <location filename="../qml/Keypad.qml" line="72" />
        <source>请先输入完整的号码</source>
        <translation>請先輸入完整的號碼</translation>
    </message>
</context>
<context>
    <name>KindScreen</name>
    <message>
        <location filename="../qml/KindScreen.qml" line="10" />
        <source>您来办理什么？</source>
        <translation>您來辦理什麼？</translation>
    </message>
    <message>
        <location filename="../qml/KindScreen.qml" line="19" />
        <source>需要刷身份证</source>
        <translation>需要刷身份證</translation>
    </message>
    <message>
        <location filename="../qml/KindScreen.qml" line="19" />
        <source>无需身份证</source>
        <translation>無需身份證</translation>
    </message>
</context>
<context>
    <name>LetterPad</name>
    <message>
        <location filename="../qml/LetterPad.qml" line="37" />
        <source>删除</source>
        <translation>刪除</translation>
    </message>
    <message>
        <location filename="../qml/LetterPad.qml" line="38" />
        <source>清空</source>
        <translation>清空</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <location filename="../qml/Main.qml" line="12" />
        <source>政务服务一体机</source>
        <translation>政務服務一體機</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <location filename="../messages.py" line="15" />
        <source>打印机缺纸，请到窗口办理</source>
        <translation>印表機缺紙，請到窗口辦理</translation>
    </message>
    <message>
        <location filename="../messages.py" line="16" />
        <source>打印机盖未关好，请到窗口办理</source>
        <translation>印表機蓋未關好，請到窗口辦理</translation>
    </message>
    <message>
        <location filename="../messages.py" line="17" />
        <source>打印机卡纸，请到窗口办理</source>
        <translation>印表機卡紙，請到窗口辦理</translation>
    </message>
    <message>
        <location filename="../messages.py" line="18" />
        <source>打印机暂时无法使用，请到窗口办理</source>
        <translation>印表機暫時無法使用，請到窗口辦理</translation>
    </message>
    <message>
        <location filename="../messages.py" line="19" />
        <source>本机没有凭条打印机，请到窗口办理</source>
        <translation>本機沒有憑條印表機，請到窗口辦理</translation>
    </message>
    <message>
        <location filename="../messages.py" line="20" />
        <source>打印机故障，请到窗口办理</source>
        <translation>印表機故障，請到窗口辦理</translation>
    </message>
    <message>
        <location filename="../messages.py" line="21" />
        <source>身份证阅读器暂时无法使用，请到窗口办理</source>
        <translation>身份證閱讀器暫時無法使用，請到窗口辦理</translation>
    </message>
    <message>
        <location filename="../messages.py" line="22" />
        <source>本机没有身份证阅读器，请到窗口办理</source>
        <translation>本機沒有身份證閱讀器，請到窗口辦理</translation>
    </message>
    <message>
        <location filename="../messages.py" line="23" />
        <source>身份证阅读器故障，请到窗口办理</source>
        <translation>身份證閱讀器故障，請到窗口辦理</translation>
    </message>
    <message>
        <location filename="../messages.py" line="24" />
        <source>需要联网办理，网络暂时不通，请到窗口办理</source>
        <translation>需要聯網辦理，網絡暫時不通，請到窗口辦理</translation>
    </message>
    <message>
        <location filename="../messages.py" line="25" />
        <source>A4 打印机缺纸，请到窗口办理</source>
        <translation>A4 印表機缺紙，請到窗口辦理</translation>
    </message>
    <message>
        <location filename="../messages.py" line="26" />
        <source>A4 打印机卡纸，请到窗口办理</source>
        <translation>A4 印表機卡紙，請到窗口辦理</translation>
    </message>
    <message>
        <location filename="../messages.py" line="27" />
        <source>A4 打印机暂时无法使用，请到窗口办理</source>
        <translation>A4 印表機暫時無法使用，請到窗口辦理</translation>
    </message>
    <message>
        <location filename="../messages.py" line="28" />
        <source>本机没有 A4 打印机，请到窗口办理</source>
        <translation>本機沒有 A4 印表機，請到窗口辦理</translation>
    </message>
    <message>
        <location filename="../messages.py" line="29" />
        <source>A4 打印机故障，请到窗口办理</source>
        <translation>A4 印表機故障，請到窗口辦理</translation>
    </message>
    <message>
        <location filename="../messages.py" line="30" />
        <source>取件柜暂时无法使用，请到窗口领取</source>
        <translation>取件櫃暫時無法使用，請到窗口領取</translation>
    </message>
    <message>
        <location filename="../messages.py" line="31" />
        <source>本机没有取件柜，请到窗口领取</source>
        <translation>本機沒有取件櫃，請到窗口領取</translation>
    </message>
    <message>
        <location filename="../messages.py" line="32" />
        <source>取件柜故障，请到窗口领取</source>
        <translation>取件櫃故障，請到窗口領取</translation>
    </message>
    <message>
        <location filename="../messages.py" line="34" />
        <source>没有读到身份证。请把身份证平放在感应区，再点“重新读卡”。</source>
        <translation>沒有讀到身份證。請把身份證平放在感應區，再點「重新讀卡」。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="35" />
        <source>身份证拿开得太快了。请把身份证放好，不要移动，再点“重新读卡”。</source>
        <translation>身份證拿開得太快了。請把身份證放好，不要移動，再點「重新讀卡」。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="36" />
        <source>这张证件读不出来。请换个位置再放一次，或到窗口办理。</source>
        <translation>這張證件讀不出來。請換個位置再放一次，或到窗口辦理。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="37" />
        <source>本机暂不支持这种证件，请到窗口办理。</source>
        <translation>本機暫不支援這種證件，請到窗口辦理。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="38" />
        <source>身份证阅读器出了故障，请到窗口办理。</source>
        <translation>身份證閱讀器出了故障，請到窗口辦理。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="39" />
        <source>取号没有成功，请到窗口办理。</source>
        <translation>取號沒有成功，請到窗口辦理。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="41" />
        <source>凭条没有打印出来（打印机缺纸）。您的号码有效，请记下号码。</source>
        <translation>憑條沒有列印出來（印表機缺紙）。您的號碼有效，請記下號碼。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="42" />
        <source>凭条没有打印出来（打印机盖未关好）。您的号码有效，请记下号码。</source>
        <translation>憑條沒有列印出來（印表機蓋未關好）。您的號碼有效，請記下號碼。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="43" />
        <source>凭条没有打印出来。您的号码有效，请记下号码。</source>
        <translation>憑條沒有列印出來。您的號碼有效，請記下號碼。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="48" />
        <source>请到 %1 号柜门取走您的证件，取完请关好柜门。</source>
        <translation>請到 %1 號櫃門取走您的證件，取完請關好櫃門。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="49" />
        <source>取件码和身份证对不上。请核对短信里的取件码再输入一次。</source>
        <translation>取件碼和身份證對不上。請核對短信裡的取件碼再輸入一次。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="50" />
        <source>这个取件码的证件已经取走了。如有疑问请到窗口咨询。</source>
        <translation>這個取件碼的證件已經取走了。如有疑問請到窗口諮詢。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="51" />
        <source>取件码已过期，请到窗口领取。</source>
        <translation>取件碼已過期，請到窗口領取。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="52" />
        <source>取件码输错次数太多，请 15 分钟后再试，或到窗口领取。</source>
        <translation>取件碼輸錯次數太多，請 15 分鐘後再試，或到窗口領取。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="53" />
        <source>取件信息还没有同步到本机，请到窗口领取。</source>
        <translation>取件資訊還沒有同步到本機，請到窗口領取。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="54" />
        <source>本机没有取件柜，请到窗口领取。</source>
        <translation>本機沒有取件櫃，請到窗口領取。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="55" />
        <source>柜门没有打开，请到窗口领取，工作人员会帮您处理。</source>
        <translation>櫃門沒有打開，請到窗口領取，工作人員會幫您處理。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="60" />
        <source>请在下方出纸口取走您的文件，共 %1 页。</source>
        <translation>請在下方出紙口取走您的文件，共 %1 頁。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="61" />
        <source>暂时取不到您的证明（网络或系统原因）。请稍后再试，或到窗口办理。</source>
        <translation>暫時取不到您的證明（網絡或系統原因）。請稍後再試，或到窗口辦理。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="62" />
        <source>证明没有打印出来（打印机原因），请到窗口办理。</source>
        <translation>證明沒有列印出來（印表機原因），請到窗口辦理。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="63" />
        <source>本机没有 A4 打印机，请到窗口办理。</source>
        <translation>本機沒有 A4 印表機，請到窗口辦理。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="68" />
        <source>正在打印…</source>
        <translation>正在列印…</translation>
    </message>
    <message>
        <location filename="../messages.py" line="69" />
        <source>已打印，请取走凭条。</source>
        <translation>已列印，請取走憑條。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="70" />
        <source>打印机缺纸，没有打印出来。</source>
        <translation>印表機缺紙，沒有列印出來。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="77" />
        <source>没有打印出来，请到咨询台索取。</source>
        <translation>沒有列印出來，請到諮詢台索取。</translation>
    </message>
</context>
<context>
    <name>NavBar</name>
    <message>
        <location filename="../qml/NavBar.qml" line="17" />
        <source>返回</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../qml/NavBar.qml" line="24" />
        <source>结束办理</source>
        <translation>結束辦理</translation>
    </message>
</context>
<context>
    <name>OpeningScreen</name>
    <message>
        <location filename="../qml/OpeningScreen.qml" line="11" />
        <source>您好，%1</source>
        <translation>您好，%1</translation>
    </message>
    <message>
        <location filename="../qml/OpeningScreen.qml" line="17" />
        <source>正在核对取件码并打开柜门，请稍候…</source>
        <translation>正在核對取件碼並打開櫃門，請稍候…</translation>
    </message>
</context>
<context>
    <name>PickupCodeScreen</name>
    <message>
        <location filename="../qml/PickupCodeScreen.qml" line="13" />
        <source>请输入取件码</source>
        <translation>請輸入取件碼</translation>
    </message>
    <message>
        <location filename="../qml/PickupCodeScreen.qml" line="14" />
        <source>取件码在办好证件时收到的短信里，是 6 位数字。输入后请按“确定”，再放身份证。</source>
        <translation>取件碼在辦好證件時收到的短信裡，是 6 位數字。輸入後請按「確定」，再放身份證。</translation>
    </message>
</context>
<context>
    <name>PickupResultScreen</name>
    <message>
        <location filename="../qml/PickupResultScreen.qml" line="17" />
        <source>%1 号柜门已打开</source>
        <translation>%1 號櫃門已打開</translation>
    </message>
    <message>
        <location filename="../qml/PickupResultScreen.qml" line="30" />
        <source>请记得取回您的身份证。</source>
        <translation>請記得取回您的身份證。</translation>
    </message>
    <message>
        <location filename="../qml/PickupResultScreen.qml" line="39" />
        <source>重新输入取件码</source>
        <translation>重新輸入取件碼</translation>
    </message>
    <message>
        <location filename="../qml/PickupResultScreen.qml" line="48" />
        <source>我已取件</source>
        <translation>我已取件</translation>
    </message>
    <message>
        <location filename="../qml/PickupResultScreen.qml" line="48" />
        <source>结束办理</source>
        <translation>結束辦理</translation>
    </message>
</context>
<context>
    <name>PrintedScreen</name>
    <message>
        <location filename="../qml/PrintedScreen.qml" line="13" />
        <source>《%1》已打印</source>
        <translation>《%1》已列印</translation>
    </message>
    <message>
        <location filename="../qml/PrintedScreen.qml" line="26" />
        <source>请记得取回您的身份证。</source>
        <translation>請記得取回您的身份證。</translation>
    </message>
    <message>
        <location filename="../qml/PrintedScreen.qml" line="34" />
        <source>我已取走文件</source>
        <translation>我已取走文件</translation>
    </message>
    <message>
        <location filename="../qml/PrintedScreen.qml" line="34" />
        <source>结束办理</source>
        <translation>結束辦理</translation>
    </message>
</context>
<context>
    <name>PrintingScreen</name>
    <message>
        <location filename="../qml/PrintingScreen.qml" line="12" />
        <source>您好，%1</source>
        <translation>您好，%1</translation>
    </message>
    <message>
        <location filename="../qml/PrintingScreen.qml" line="18" />
        <source>正在为您查询并打印《%1》，请稍候…</source>
        <translation>正在為您查詢並列印《%1》，請稍候…</translation>
    </message>
    <message>
        <location filename="../qml/PrintingScreen.qml" line="23" />
        <source>打印一般需要半分钟，请不要离开。</source>
        <translation>列印一般需要半分鐘，請不要離開。</translation>
    </message>
</context>
<context>
    <name>QueryingScreen</name>
    <message>
        <location filename="../qml/QueryingScreen.qml" line="11" />
        <source>您好，%1</source>
        <translation>您好，%1</translation>
    </message>
    <message>
        <location filename="../qml/QueryingScreen.qml" line="17" />
        <source>正在查询，请稍候…</source>
        <translation>正在查詢，請稍候…</translation>
    </message>
</context>
<context>
    <name>RatingReasonScreen</name>
    <message>
        <location filename="../qml/RatingReasonScreen.qml" line="6" />
        <source>等候时间太长</source>
        <translation>等候時間太長</translation>
    </message>
    <message>
        <location filename="../qml/RatingReasonScreen.qml" line="6" />
        <source>机器操作太复杂</source>
        <translation>機器操作太複雜</translation>
    </message>
    <message>
        <location filename="../qml/RatingReasonScreen.qml" line="7" />
        <source>设备出了故障</source>
        <translation>設備出了故障</translation>
    </message>
    <message>
        <location filename="../qml/RatingReasonScreen.qml" line="7" />
        <source>办事指引说得不清楚</source>
        <translation>辦事指引說得不清楚</translation>
    </message>
    <message>
        <location filename="../qml/RatingReasonScreen.qml" line="8" />
        <source>工作人员服务态度</source>
        <translation>工作人員服務態度</translation>
    </message>
    <message>
        <location filename="../qml/RatingReasonScreen.qml" line="8" />
        <source>其他原因</source>
        <translation>其他原因</translation>
    </message>
    <message>
        <location filename="../qml/RatingReasonScreen.qml" line="17" />
        <source>请告诉我们哪里做得不好</source>
        <translation>請告訴我們哪裡做得不好</translation>
    </message>
    <message>
        <location filename="../qml/RatingReasonScreen.qml" line="18" />
        <source>选一项最主要的原因，我们会认真改进。</source>
        <translation>選一項最主要的原因，我們會認真改進。</translation>
    </message>
</context>
<context>
    <name>RatingScreen</name>
    <message>
        <location filename="../qml/RatingScreen.qml" line="8" />
        <source>非常满意</source>
        <translation>非常滿意</translation>
    </message>
    <message>
        <location filename="../qml/RatingScreen.qml" line="8" />
        <source>满意</source>
        <translation>滿意</translation>
    </message>
    <message>
        <location filename="../qml/RatingScreen.qml" line="9" />
        <source>基本满意</source>
        <translation>基本滿意</translation>
    </message>
    <message>
        <location filename="../qml/RatingScreen.qml" line="9" />
        <source>不满意</source>
        <translation>不滿意</translation>
    </message>
    <message>
        <location filename="../qml/RatingScreen.qml" line="10" />
        <source>非常不满意</source>
        <translation>非常不滿意</translation>
    </message>
    <message>
        <location filename="../qml/RatingScreen.qml" line="19" />
        <source>请对本次服务进行评价</source>
        <translation>請對本次服務進行評價</translation>
    </message>
    <message>
        <location filename="../qml/RatingScreen.qml" line="20" />
        <source>您的评价帮助我们改进服务</source>
        <translation>您的評價幫助我們改進服務</translation>
    </message>
    <message>
        <location filename="../qml/RatingScreen.qml" line="68" />
        <source>跳过</source>
        <translation>跳過</translation>
    </message>
</context>
<context>
    <name>ResultsScreen</name>
    <message>
        <location filename="../qml/ResultsScreen.qml" line="16" />
        <source>共 %1 条记录</source>
        <translation>共 %1 條記錄</translation>
    </message>
    <message>
        <location filename="../qml/ResultsScreen.qml" line="17" />
        <source>暂时查不到（网络或系统原因）。请稍后再试，或到窗口办理。</source>
        <translation>暫時查不到（網絡或系統原因）。請稍後再試，或到窗口辦理。</translation>
    </message>
    <message>
        <location filename="../qml/ResultsScreen.qml" line="57" />
        <source>没有查到记录。</source>
        <translation>沒有查到記錄。</translation>
    </message>
    <message>
        <location filename="../qml/ResultsScreen.qml" line="69" />
        <source>上一页</source>
        <translation>上一頁</translation>
    </message>
    <message>
        <location filename="../qml/ResultsScreen.qml" line="75" />
        <source>第 %1 / %2 页</source>
        <translation>第 %1 / %2 頁</translation>
    </message>
    <message>
        <location filename="../qml/ResultsScreen.qml" line="83" />
        <source>下一页</source>
        <translation>下一頁</translation>
    </message>
    <message>
        <location filename="../qml/ResultsScreen.qml" line="97" />
        <source>打印查询结果</source>
        <translation>列印查詢結果</translation>
    </message>
    <message>
        <location filename="../qml/ResultsScreen.qml" line="103" />
        <source>完成</source>
        <translation>完成</translation>
    </message>
</context>
<context>
    <name>SubmittedScreen</name>
    <message>
        <location filename="../qml/SubmittedScreen.qml" line="13" />
        <source>%1 已受理</source>
        <translation>%1 已受理</translation>
    </message>
    <message>
        <location filename="../qml/SubmittedScreen.qml" line="14" />
        <source>没有登记成功，请到窗口办理。</source>
        <translation>沒有登記成功，請到窗口辦理。</translation>
    </message>
    <message>
        <location filename="../qml/SubmittedScreen.qml" line="22" />
        <source>受理编号：%1</source>
        <translation>受理編號：%1</translation>
    </message>
    <message>
        <location filename="../qml/SubmittedScreen.qml" line="29" />
        <source>请取走受理回执</source>
        <translation>請取走受理回執</translation>
    </message>
    <message>
        <location filename="../qml/SubmittedScreen.qml" line="35" />
        <source>请记得取回您的身份证。</source>
        <translation>請記得取回您的身份證。</translation>
    </message>
    <message>
        <location filename="../qml/SubmittedScreen.qml" line="43" />
        <source>完成</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../qml/SubmittedScreen.qml" line="43" />
        <source>结束办理</source>
        <translation>結束辦理</translation>
    </message>
</context>
<context>
    <name>TicketScreen</name>
    <message>
        <location filename="../qml/TicketScreen.qml" line="16" />
        <source>您的号码</source>
        <translation>您的號碼</translation>
    </message>
    <message>
        <location filename="../qml/TicketScreen.qml" line="29" />
        <source>前面还有 %1 人等候</source>
        <translation>前面還有 %1 人等候</translation>
    </message>
    <message>
        <location filename="../qml/TicketScreen.qml" line="36" />
        <source>请取走凭条</source>
        <translation>請取走憑條</translation>
    </message>
    <message>
        <location filename="../qml/TicketScreen.qml" line="49" />
        <source>请留意叫号屏和广播。如使用了身份证，请记得取回。</source>
        <translation>請留意叫號屏和廣播。如使用了身份證，請記得取回。</translation>
    </message>
    <message>
        <location filename="../qml/TicketScreen.qml" line="57" />
        <source>我已取走凭条</source>
        <translation>我已取走憑條</translation>
    </message>
    <message>
        <location filename="../qml/TicketScreen.qml" line="57" />
        <source>我已记下号码</source>
        <translation>我已記下號碼</translation>
    </message>
    <message>
        <location filename="../qml/TicketScreen.qml" line="58" />
        <source>返回首页</source>
        <translation>返回首頁</translation>
    </message>
</context>
<context>
    <name>TimeoutDialog</name>
    <message>
        <location filename="../qml/TimeoutDialog.qml" line="19" />
        <source>您还需要更多时间吗？</source>
        <translation>您還需要更多時間嗎？</translation>
    </message>
    <message>
        <location filename="../qml/TimeoutDialog.qml" line="25" />
        <source>%1 秒后将返回首页，本次填写的信息将被清除。</source>
        <translation>%1 秒後將返回首頁，本次填寫的資訊將被清除。</translation>
    </message>
    <message>
        <location filename="../qml/TimeoutDialog.qml" line="32" />
        <source>继续办理</source>
        <translation>繼續辦理</translation>
    </message>
</context>
</TS>