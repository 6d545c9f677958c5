<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_TW">
<context>
    <name>AppointmentsScreen</name>
    <message>
        <location filename="../qml/AppointmentsScreen.qml" line="24"/>
        <source>请核对您的预约</source>
        <translation>請核對您的預約</translation>
    </message>
    <message>
        <location filename="../qml/AppointmentsScreen.qml" line="25"/>
        <source>您今天的预约</source>
        <translation>您今天的預約</translation>
    </message>
    <message>
        <location filename="../qml/AppointmentsScreen.qml" line="26"/>
        <source>预约取号</source>
        <translation>預約取號</translation>
    </message>
    <message>
        <location filename="../qml/AppointmentsScreen.qml" line="27"/>
        <source>您好，%1。</source>
        <translation>您好，%1。</translation>
    </message>
    <message>
        <location filename="../qml/AppointmentsScreen.qml" line="28"/>
        <source>核对无误后，请点“取号”。</source>
        <translation>核對無誤後，請點「取號」。</translation>
    </message>
    <message>
        <location filename="../qml/AppointmentsScreen.qml" line="38"/>
        <source>正在查询您今天的预约，请稍候…</source>
        <translation>正在查詢您今天的預約，請稍候…</translation>
    </message>
    <message>
        <location filename="../qml/AppointmentsScreen.qml" line="75"/>
        <source>预约人：%1</source>
        <translation>預約人：%1</translation>
    </message>
    <message>
        <location filename="../qml/AppointmentsScreen.qml" line="83"/>
        <source>预约编号：%1</source>
        <translation>預約編號：%1</translation>
    </message>
    <message>
        <location filename="../qml/AppointmentsScreen.qml" line="96"/>
        <source>取号</source>
        <translation>取號</translation>
    </message>
    <message>
        <location filename="../qml/AppointmentsScreen.qml" line="118"/>
        <source>取普通号</source>
        <translation>取普通號</translation>
    </message>
    <message>
        <location filename="../qml/AppointmentsScreen.qml" line="119"/>
        <source>不用预约，排队办理</source>
        <translation>不用預約，排隊辦理</translation>
    </message>
</context>
<context>
    <name>AttractScreen</name>
    <message>
        <location filename="../qml/AttractScreen.qml" line="36"/>
        <source>暂停服务</source>
        <translation>暫停服務</translation>
    </message>
    <message>
        <location filename="../qml/AttractScreen.qml" line="36"/>
        <source>暂停服务：%1</source>
        <translation>暫停服務：%1</translation>
    </message>
    <message>
        <location filename="../qml/AttractScreen.qml" line="49"/>
        <source>请触摸屏幕开始</source>
        <translation>請觸摸螢幕開始</translation>
    </message>
    <message>
        <location filename="../qml/AttractScreen.qml" line="73"/>
        <source>取号暂停：%1</source>
        <translation>取號暫停：%1</translation>
    </message>
</context>
<context>
    <name>BigButton</name>
    <message>
        <location filename="../qml/BigButton.qml" line="64"/>
        <source>暂停服务：%1</source>
        <translation>暫停服務：%1</translation>
    </message>
</context>
<context>
    <name>CategoryScreen</name>
    <message>
        <location filename="../qml/CategoryScreen.qml" line="11"/>
        <source>请选择业务类别</source>
        <translation>請選擇業務類別</translation>
    </message>
    <message>
        <location filename="../qml/CategoryScreen.qml" line="12"/>
        <source>不清楚选哪一项，请选“综合咨询”</source>
        <translation>不清楚選哪一項，請選「綜合諮詢」</translation>
    </message>
</context>
<context>
    <name>ConfirmScreen</name>
    <message>
        <location filename="../qml/ConfirmScreen.qml" line="13"/>
        <source>请确认：%1</source>
        <translation>請確認：%1</translation>
    </message>
    <message>
        <location filename="../qml/ConfirmScreen.qml" line="19"/>
        <source>申请人：%1</source>
        <translation>申請人：%1</translation>
    </message>
    <message>
        <location filename="../qml/ConfirmScreen.qml" line="33"/>
        <source>%1：%2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location filename="../qml/ConfirmScreen.qml" line="40"/>
        <source>确认后立即生效，网络不通时也会先在本机登记，稍后自动上报。</source>
        <translation>確認後立即生效，網絡不通時也會先在本機登記，稍後自動上報。</translation>
    </message>
    <message>
        <location filename="../qml/ConfirmScreen.qml" line="49"/>
        <source>正在登记，请稍候…</source>
        <translation>正在登記，請稍候…</translation>
    </message>
    <message>
        <location filename="../qml/ConfirmScreen.qml" line="58"/>
        <source>确认办理</source>
        <translation>確認辦理</translation>
    </message>
</context>
<context>
    <name>FormScreen</name>
    <message>
        <location filename="../qml/FormScreen.qml" line="20"/>
        <source>第 %1 步，共 %2 步</source>
        <translation>第 %1 步，共 %2 步</translation>
    </message>
</context>
<context>
    <name>GuideDetailScreen</name>
    <message>
        <location filename="../qml/GuideDetailScreen.qml" line="21"/>
        <source>所需材料</source>
        <translation>所需材料</translation>
    </message>
    <message>
        <location filename="../qml/GuideDetailScreen.qml" line="36"/>
        <source>办理时限</source>
        <translation>辦理時限</translation>
    </message>
    <message>
        <location filename="../qml/GuideDetailScreen.qml" line="37"/>
        <source>收费标准</source>
        <translation>收費標準</translation>
    </message>
    <message>
        <location filename="../qml/GuideDetailScreen.qml" line="38"/>
        <source>办理地点</source>
        <translation>辦理地點</translation>
    </message>
    <message>
        <location filename="../qml/GuideDetailScreen.qml" line="60"/>
        <source>打印这份指南</source>
        <translation>列印這份指南</translation>
    </message>
</context>
<context>
    <name>GuidesScreen</name>
    <message>
        <location filename="../qml/GuidesScreen.qml" line="8"/>
        <source>按主题</source>
        <translation>按主題</translation>
    </message>
    <message>
        <location filename="../qml/GuidesScreen.qml" line="8"/>
        <source>按人生事件</source>
        <translation>按人生事件</translation>
    </message>
    <message>
        <location filename="../qml/GuidesScreen.qml" line="9"/>
        <source>按部门</source>
        <translation>按部門</translation>
    </message>
    <message>
        <location filename="../qml/GuidesScreen.qml" line="9"/>
        <source>搜索</source>
        <translation>搜尋</translation>
    </message>
    <message>
        <location filename="../qml/GuidesScreen.qml" line="20"/>
        <source>办事指南</source>
        <translation>辦事指南</translation>
    </message>
    <message>
        <location filename="../qml/GuidesScreen.qml" line="59"/>
        <source>%1（%2）</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <location filename="../qml/GuidesScreen.qml" line="69"/>
        <source>按拼音首字母搜索，如“社保缴费”按 S B J F</source>
        <translation>按拼音首字母搜尋，如「社保繳費」按 S B J F</translation>
    </message>
    <message>
        <location filename="../qml/GuidesScreen.qml" line="76"/>
        <source>或点常用词：</source>
        <translation>或點常用詞：</translation>
    </message>
    <message>
        <location filename="../qml/GuidesScreen.qml" line="108"/>
        <source>没有找到相关指南，换个词试试，或到咨询台询问。</source>
        <translation>沒有找到相關指南，換個詞試試，或到諮詢台詢問。</translation>
    </message>
    <message>
        <location filename="../qml/GuidesScreen.qml" line="109"/>
        <source>请在左边选择一项。</source>
        <translation>請在左邊選擇一項。</translation>
    </message>
</context>
<context>
    <name>Header</name>
    <message>
        <location filename="../qml/Header.qml" line="41"/>
        <source>语音播报</source>
        <translation>語音播報</translation>
    </message>
    <message>
        <location filename="../qml/Header.qml" line="47"/>
        <source>长辈模式</source>
        <translation>長輩模式</translation>
    </message>
    <message>
        <location filename="../qml/Header.qml" line="56"/>
        <source>呼叫工作人员</source>
        <translation>呼叫工作人員</translation>
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message>
        <location filename="../qml/HomeScreen.qml" line="21"/>
        <source>%1：请选择具体业务</source>
        <translation>%1：請選擇具體業務</translation>
    </message>
    <message>
        <location filename="../qml/HomeScreen.qml" line="22"/>
        <source>请选择您要办理的业务</source>
        <translation>請選擇您要辦理的業務</translation>
    </message>
    <message>
        <location filename="../qml/HomeScreen.qml" line="51"/>
        <source>上一页</source>
        <translation>上一頁</translation>
    </message>
    <message>
        <location filename="../qml/HomeScreen.qml" line="56"/>
        <source>第 %1 / %2 页</source>
        <translation>第 %1 / %2 頁</translation>
    </message>
    <message>
        <location filename="../qml/HomeScreen.qml" line="64"/>
        <source>下一页</source>
        <translation>下一頁</translation>
    </message>
</context>
<context>
    <name>IdCardPicture</name>
    <message>
        <location filename="../qml/IdCardPicture.qml" line="15"/>
        <source>感应区</source>
        <translation>感應區</translation>
    </message>
    <message>
        <location filename="../qml/IdCardPicture.qml" line="26"/>
        <source>身份证</source>
        <translation>身份證</translation>
    </message>
</context>
<context>
    <name>IdentifyScreen</name>
    <message>
        <location filename="../qml/IdentifyScreen.qml" line="15"/>
        <source>社保卡</source>
        <translation>社保卡</translation>
    </message>
    <message>
        <location filename="../qml/IdentifyScreen.qml" line="16"/>
        <source>扫二维码</source>
        <translation>掃二維碼</translation>
    </message>
    <message>
        <location filename="../qml/IdentifyScreen.qml" line="19"/>
        <source>正在核验，请稍候</source>
        <translation>正在核驗，請稍候</translation>
    </message>
    <message>
        <location filename="../qml/IdentifyScreen.qml" line="21"/>
        <source>人脸核验没有通过</source>
        <translation>人臉核驗沒有通過</translation>
    </message>
    <message>
        <location filename="../qml/IdentifyScreen.qml" line="22"/>
        <source>现在不能进行人脸核验</source>
        <translation>現在不能進行人臉核驗</translation>
    </message>
    <message>
        <location filename="../qml/IdentifyScreen.qml" line="24"/>
        <source>请改用上面的其他方式</source>
        <translation>請改用上面的其他方式</translation>
    </message>
    <message>
        <location filename="../qml/IdentifyScreen.qml" line="25"/>
        <source>可以不核验身份，直接办理</source>
        <translation>可以不核驗身份，直接辦理</translation>
    </message>
    <message>
        <location filename="../qml/IdentifyScreen.qml" line="26"/>
        <source>现在无法核验身份，请到窗口办理</source>
        <translation>現在無法核驗身份，請到窗口辦理</translation>
    </message>
    <message>
        <location filename="../qml/IdentifyScreen.qml" line="27"/>
        <source>请正对摄像头，进行人脸核验</source>
        <translation>請正對鏡頭，進行人臉核驗</translation>
    </message>
    <message>
        <location filename="../qml/IdentifyScreen.qml" line="28"/>
        <source>请把社保卡插入读卡口</source>
        <translation>請把社保卡插入讀卡口</translation>
    </message>
    <message>
        <location filename="../qml/IdentifyScreen.qml" line="29"/>
        <source>请出示手机上的二维码</source>
        <translation>請出示手機上的二維碼</translation>
    </message>
    <message>
        <location filename="../qml/IdentifyScreen.qml" line="30"/>
        <source>请将身份证放在感应区</source>
        <translation>請將身份證放在感應區</translation>
    </message>
    <message>
        <location filename="../qml/IdentifyScreen.qml" line="33"/>
        <source>正在把您的照片与身份证照片比对。</source>
        <translation>正在把您的照片與身份證照片比對。</translation>
    </message>
    <message>
        <location filename="../qml/IdentifyScreen.qml" line="35"/>
        <source>请摘下帽子、口罩和墨镜，看着摄像头，按提示调整。</source>
        <translation>請摘下帽子、口罩和墨鏡，看著鏡頭，按提示調整。</translation>
    </message>
    <message>
        <location filename="../qml/IdentifyScreen.qml" line="36"/>
        <source>芯片朝里、正面朝上插到底，读完前不要拔出。</source>
        <translation>晶片朝裡、正面朝上插到底，讀完前不要拔出。</translation>
    </message>
    <message>
        <location filename="../qml/IdentifyScreen.qml" line="37"/>
        <source>打开手机上的电子证照或预约二维码，对准摄像头。</source>
        <translation>打開手機上的電子證照或預約二維碼，對準鏡頭。</translation>
    </message>
    <message>
        <location filename="../qml/IdentifyScreen.qml" line="38"/>
        <source>感应区在屏幕下方，标有身份证图案。放好后请不要移动。</source>
        <translation>感應區在螢幕下方，標有身份證圖案。放好後請不要移動。</translation>
    </message>
    <message>
        <location filename="../qml/IdentifyScreen.qml" line="41"/>
        <source>正在核验…</source>
        <translation>正在核驗…</translation>
    </message>
    <message>
        <location filename="../qml/IdentifyScreen.qml" line="42"/>
        <source>正在等待扫码…</source>
        <translation>正在等待掃碼…</translation>
    </message>
    <message>
        <location filename="../qml/IdentifyScreen.qml" line="43"/>
        <source>正在等待读卡…</source>
        <translation>正在等待讀卡…</translation>
    </message>
    <message>
        <location filename="../qml/IdentifyScreen.qml" line="46"/>
        <source>再试一次</source>
        <translation>再試一次</translation>
    </message>
    <message>
        <location filename="../qml/IdentifyScreen.qml" line="47"/>
        <source>重新扫码</source>
        <translation>重新掃碼</translation>
    </message>
    <message>
        <location filename="../qml/IdentifyScreen.qml" line="48"/>
        <source>重新读卡</source>
        <translation>重新讀卡</translation>
    </message>
    <message>
        <location filename="../qml/IdentifyScreen.qml" line="76"/>
        <source>设备故障</source>
        <translation>設備故障</translation>
    </message>
    <message>
        <location filename="../qml/IdentifyScreen.qml" line="89"/>
        <source>第 %1 步，共 %2 步</source>
        <translation>第 %1 步，共 %2 步</translation>
    </message>
    <message>
        <location filename="../qml/IdentifyScreen.qml" line="90"/>
        <source>：</source>
        <translation>：</translation>
    </message>
    <message>
        <location filename="../qml/IdentifyScreen.qml" line="90"/>
        <source>人脸核验</source>
        <translation>人臉核驗</translation>
    </message>
    <message>
        <location filename="../qml/IdentifyScreen.qml" line="91"/>
        <source>刷身份证</source>
        <translation>刷身份證</translation>
    </message>
    <message>
        <location filename="../qml/IdentifyScreen.qml" line="91"/>
        <source>核验身份</source>
        <translation>核驗身份</translation>
    </message>
    <message>
        <location filename="../qml/IdentifyScreen.qml" line="97"/>
        <source>您好，%1</source>
        <translation>您好，%1</translation>
    </message>
    <message>
        <location filename="../qml/IdentifyScreen.qml" line="137"/>
        <source>到窗口办理</source>
        <translation>到窗口辦理</translation>
    </message>
    <message>
        <location filename="../qml/IdentifyScreen.qml" line="138"/>
        <source>工作人员会帮您核验身份</source>
        <translation>工作人員會幫您核驗身份</translation>
    </message>
    <message>
        <location filename="../qml/IdentifyScreen.qml" line="146"/>
        <source>返回</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../qml/IdentifyScreen.qml" line="154"/>
        <source>不刷身份证，直接取号</source>
        <translation>不刷身份證，直接取號</translation>
    </message>
    <message>
        <location filename="../qml/IdentifyScreen.qml" line="155"/>
        <source>不核验身份，直接办理</source>
        <translation>不核驗身份，直接辦理</translation>
    </message>
    <message>
        <location filename="../qml/IdentifyScreen.qml" line="156"/>
        <source>咨询业务可以不刷身份证</source>
        <translation>諮詢業務可以不刷身份證</translation>
    </message>
    <message>
        <location filename="../qml/IdentifyScreen.qml" line="15"/>
        <source>身份证</source>
        <translation>身份證</translation>
    </message>
</context>
<context>
    <name>IssuingScreen</name>
    <message>
        <location filename="../qml/IssuingScreen.qml" line="12"/>
        <source>您好，%1</source>
        <translation>您好，%1</translation>
    </message>
    <message>
        <location filename="../qml/IssuingScreen.qml" line="18"/>
        <source>正在为您取号并打印凭条，请稍候…</source>
        <translation>正在為您取號並列印憑條，請稍候…</translation>
    </message>
</context>
<context>
    <name>Keypad</name>
    <message>
        <location filename="../qml/Keypad.qml" line="12"/>
        <source>确定</source>
        <translation>確定</translation>
    </message>
    <message>
        <location filename="../qml/Keypad.qml" line="60"/>
        <source>清空</source>
        <translation>清空</translation>
    </message>
    <message>
        <location filename="../qml/Keypad.qml" line="60"/>
        <source>删除</source>
        <translation>刪除</translation>
    </message>
</context>
<context>
    <name>KindScreen</name>
    <message>
        <location filename="../qml/KindScreen.qml" line="10"/>
        <source>您来办理什么？</source>
        <translation>您來辦理什麼？</translation>
    </message>
    <message>
        <location filename="../qml/KindScreen.qml" line="19"/>
        <source>需要刷身份证</source>
        <translation>需要刷身份證</translation>
    </message>
    <message>
        <location filename="../qml/KindScreen.qml" line="19"/>
        <source>无需身份证</source>
        <translation>無需身份證</translation>
    </message>
</context>
<context>
    <name>LetterPad</name>
    <message>
        <location filename="../qml/LetterPad.qml" line="37"/>
        <source>删除</source>
        <translation>刪除</translation>
    </message>
    <message>
        <location filename="../qml/LetterPad.qml" line="38"/>
        <source>清空</source>
        <translation>清空</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <location filename="../qml/Main.qml" line="12"/>
        <source>政务服务一体机</source>
        <translation>政務服務一體機</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <location filename="../messages.py" line="17"/>
        <source>打印机缺纸，请到窗口办理</source>
        <translation>印表機缺紙，請到窗口辦理</translation>
    </message>
    <message>
        <location filename="../messages.py" line="18"/>
        <source>打印机盖未关好，请到窗口办理</source>
        <translation>印表機蓋未關好，請到窗口辦理</translation>
    </message>
    <message>
        <location filename="../messages.py" line="19"/>
        <source>打印机卡纸，请到窗口办理</source>
        <translation>印表機卡紙，請到窗口辦理</translation>
    </message>
    <message>
        <location filename="../messages.py" line="20"/>
        <source>打印机暂时无法使用，请到窗口办理</source>
        <translation>印表機暫時無法使用，請到窗口辦理</translation>
    </message>
    <message>
        <location filename="../messages.py" line="21"/>
        <source>本机没有凭条打印机，请到窗口办理</source>
        <translation>本機沒有憑條印表機，請到窗口辦理</translation>
    </message>
    <message>
        <location filename="../messages.py" line="22"/>
        <source>打印机故障，请到窗口办理</source>
        <translation>印表機故障，請到窗口辦理</translation>
    </message>
    <message>
        <location filename="../messages.py" line="23"/>
        <source>身份证阅读器暂时无法使用，请到窗口办理</source>
        <translation>身份證閱讀器暫時無法使用，請到窗口辦理</translation>
    </message>
    <message>
        <location filename="../messages.py" line="24"/>
        <source>本机没有身份证阅读器，请到窗口办理</source>
        <translation>本機沒有身份證閱讀器，請到窗口辦理</translation>
    </message>
    <message>
        <location filename="../messages.py" line="25"/>
        <source>身份证阅读器故障，请到窗口办理</source>
        <translation>身份證閱讀器故障，請到窗口辦理</translation>
    </message>
    <message>
        <location filename="../messages.py" line="26"/>
        <location filename="../parts/payment.py" line="45"/>
        <source>需要联网办理，网络暂时不通，请到窗口办理</source>
        <translation>需要聯網辦理，網絡暫時不通，請到窗口辦理</translation>
    </message>
    <message>
        <location filename="../messages.py" line="29"/>
        <source>社保卡读卡器暂时无法使用，请到窗口办理</source>
        <translation>社保卡讀卡器暫時無法使用，請到窗口辦理</translation>
    </message>
    <message>
        <location filename="../messages.py" line="30"/>
        <source>本机没有社保卡读卡器，请到窗口办理</source>
        <translation>本機沒有社保卡讀卡器，請到窗口辦理</translation>
    </message>
    <message>
        <location filename="../messages.py" line="31"/>
        <source>社保卡读卡器故障，请到窗口办理</source>
        <translation>社保卡讀卡器故障，請到窗口辦理</translation>
    </message>
    <message>
        <location filename="../messages.py" line="32"/>
        <source>摄像头暂时无法使用，请到窗口办理</source>
        <translation>鏡頭暫時無法使用，請到窗口辦理</translation>
    </message>
    <message>
        <location filename="../messages.py" line="33"/>
        <source>本机没有摄像头，请到窗口办理</source>
        <translation>本機沒有鏡頭，請到窗口辦理</translation>
    </message>
    <message>
        <location filename="../messages.py" line="34"/>
        <source>摄像头故障，请到窗口办理</source>
        <translation>鏡頭故障，請到窗口辦理</translation>
    </message>
    <message>
        <location filename="../messages.py" line="36"/>
        <source>本机暂不支持这项业务的身份核验，请到窗口办理</source>
        <translation>本機暫不支援這項業務的身份核驗，請到窗口辦理</translation>
    </message>
    <message>
        <location filename="../messages.py" line="37"/>
        <source>A4 打印机缺纸，请到窗口办理</source>
        <translation>A4 印表機缺紙，請到窗口辦理</translation>
    </message>
    <message>
        <location filename="../messages.py" line="38"/>
        <source>A4 打印机卡纸，请到窗口办理</source>
        <translation>A4 印表機卡紙，請到窗口辦理</translation>
    </message>
    <message>
        <location filename="../messages.py" line="39"/>
        <source>A4 打印机暂时无法使用，请到窗口办理</source>
        <translation>A4 印表機暫時無法使用，請到窗口辦理</translation>
    </message>
    <message>
        <location filename="../messages.py" line="40"/>
        <source>本机没有 A4 打印机，请到窗口办理</source>
        <translation>本機沒有 A4 印表機，請到窗口辦理</translation>
    </message>
    <message>
        <location filename="../messages.py" line="41"/>
        <source>A4 打印机故障，请到窗口办理</source>
        <translation>A4 印表機故障，請到窗口辦理</translation>
    </message>
    <message>
        <location filename="../messages.py" line="42"/>
        <source>取件柜暂时无法使用，请到窗口领取</source>
        <translation>取件櫃暫時無法使用，請到窗口領取</translation>
    </message>
    <message>
        <location filename="../messages.py" line="43"/>
        <source>本机没有取件柜，请到窗口领取</source>
        <translation>本機沒有取件櫃，請到窗口領取</translation>
    </message>
    <message>
        <location filename="../messages.py" line="44"/>
        <source>取件柜故障，请到窗口领取</source>
        <translation>取件櫃故障，請到窗口領取</translation>
    </message>
    <message>
        <location filename="../messages.py" line="101"/>
        <source>这张证件读不出来。请换个位置再放一次，或到窗口办理。</source>
        <translation>這張證件讀不出來。請換個位置再放一次，或到窗口辦理。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="102"/>
        <source>本机暂不支持这种证件，请到窗口办理。</source>
        <translation>本機暫不支援這種證件，請到窗口辦理。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="46"/>
        <source>取号没有成功，请到窗口办理。</source>
        <translation>取號沒有成功，請到窗口辦理。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="28"/>
        <source>本机存储空间已满，暂时无法办理，请到人工窗口</source>
        <translation>本機儲存空間已滿，暫時無法辦理，請到人工窗口</translation>
    </message>
    <message>
        <location filename="../messages.py" line="49"/>
        <source>凭条没有打印出来（打印机缺纸）。您的号码有效，请记下号码。</source>
        <translation>憑條沒有列印出來（印表機缺紙）。您的號碼有效，請記下號碼。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="51"/>
        <source>凭条没有打印出来（打印机盖未关好）。您的号码有效，请记下号码。</source>
        <translation>憑條沒有列印出來（印表機蓋未關好）。您的號碼有效，請記下號碼。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="53"/>
        <source>凭条没有打印出来。您的号码有效，请记下号码。</source>
        <translation>憑條沒有列印出來。您的號碼有效，請記下號碼。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="58"/>
        <source>请到 %1 号柜门取走您的证件，取完请关好柜门。</source>
        <translation>請到 %1 號櫃門取走您的證件，取完請關好櫃門。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="60"/>
        <source>取件码和身份证对不上。请核对短信里的取件码再输入一次。</source>
        <translation>取件碼和身份證對不上。請核對短信裡的取件碼再輸入一次。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="62"/>
        <source>这个取件码的证件已经取走了。如有疑问请到窗口咨询。</source>
        <translation>這個取件碼的證件已經取走了。如有疑問請到窗口諮詢。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="63"/>
        <source>取件码已过期，请到窗口领取。</source>
        <translation>取件碼已過期，請到窗口領取。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="65"/>
        <source>取件码输错次数太多，请 15 分钟后再试，或到窗口领取。</source>
        <translation>取件碼輸錯次數太多，請 15 分鐘後再試，或到窗口領取。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="66"/>
        <source>取件信息还没有同步到本机，请到窗口领取。</source>
        <translation>取件資訊還沒有同步到本機，請到窗口領取。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="67"/>
        <source>本机没有取件柜，请到窗口领取。</source>
        <translation>本機沒有取件櫃，請到窗口領取。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="69"/>
        <source>柜门没有打开，请到窗口领取，工作人员会帮您处理。</source>
        <translation>櫃門沒有打開，請到窗口領取，工作人員會幫您處理。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="74"/>
        <source>请在下方出纸口取走您的文件，共 %1 页。</source>
        <translation>請在下方出紙口取走您的文件，共 %1 頁。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="76"/>
        <source>暂时取不到您的证明（网络或系统原因）。请稍后再试，或到窗口办理。</source>
        <translation>暫時取不到您的證明（網絡或系統原因）。請稍後再試，或到窗口辦理。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="79"/>
        <source>证明没有打印出来（打印机原因），请到窗口办理。</source>
        <translation>證明沒有列印出來（印表機原因），請到窗口辦理。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="80"/>
        <source>本机没有 A4 打印机，请到窗口办理。</source>
        <translation>本機沒有 A4 印表機，請到窗口辦理。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="85"/>
        <source>正在打印…</source>
        <translation>正在列印…</translation>
    </message>
    <message>
        <location filename="../messages.py" line="86"/>
        <source>已打印，请取走凭条。</source>
        <translation>已列印，請取走憑條。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="87"/>
        <source>打印机缺纸，没有打印出来。</source>
        <translation>印表機缺紙，沒有列印出來。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="96"/>
        <source>没有读到身份证。请把身份证平放在感应区，再点“重新读卡”。</source>
        <translation>沒有讀到身份證。請把身份證平放在感應區，再點「重新讀卡」。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="98"/>
        <source>身份证拿开得太快了。请把身份证放好，不要移动，再点“重新读卡”。</source>
        <translation>身份證拿開得太快了。請把身份證放好，不要移動，再點「重新讀卡」。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="103"/>
        <source>证件号码无效，请到窗口办理。</source>
        <translation>證件號碼無效，請到窗口辦理。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="104"/>
        <source>身份证阅读器暂时无法使用。</source>
        <translation>身份證閱讀器暫時無法使用。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="106"/>
        <source>没有读到社保卡。请把社保卡芯片朝里插入读卡口，再点“重新读卡”。</source>
        <translation>沒有讀到社保卡。請把社保卡晶片朝裡插入讀卡口，再點「重新讀卡」。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="109"/>
        <source>社保卡拔出得太快了。请重新插卡，读完前不要拔出。</source>
        <translation>社保卡拔出得太快了。請重新插卡，讀完前不要拔出。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="111"/>
        <source>这张社保卡需要先输入密码，请到窗口办理。</source>
        <translation>這張社保卡需要先輸入密碼，請到窗口辦理。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="113"/>
        <source>这张社保卡读不出来。请重新插卡，或到窗口办理。</source>
        <translation>這張社保卡讀不出來。請重新插卡，或到窗口辦理。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="114"/>
        <source>这张卡不是有效的社保卡，请到窗口办理。</source>
        <translation>這張卡不是有效的社保卡，請到窗口辦理。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="115"/>
        <source>社保卡读卡器暂时无法使用。</source>
        <translation>社保卡讀卡器暫時無法使用。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="117"/>
        <source>没有拍到合格的照片。请按提示调整后，再点“再试一次”。</source>
        <translation>沒有拍到合格的照片。請按提示調整後，再點「再試一次」。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="118"/>
        <source>摄像头暂时无法使用。</source>
        <translation>鏡頭暫時無法使用。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="120"/>
        <source>没有扫到二维码。请把手机上的二维码对准摄像头，再点“重新扫码”。</source>
        <translation>沒有掃到二維碼。請把手機上的二維碼對準鏡頭，再點「重新掃碼」。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="123"/>
        <source>这个二维码不能用于办事。请出示电子证照或预约二维码。</source>
        <translation>這個二維碼不能用於辦事。請出示電子證照或預約二維碼。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="125"/>
        <source>这是付款码，请勿出示！请出示电子证照或预约二维码。</source>
        <translation>這是付款碼，請勿出示！請出示電子證照或預約二維碼。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="126"/>
        <source>人脸与身份证照片不一致。</source>
        <translation>人臉與身份證照片不一致。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="128"/>
        <source>本机暂时无法联网，现在不能进行人脸核验。请稍后再来，或到窗口办理。</source>
        <translation>本機暫時無法聯網，現在不能進行人臉核驗。請稍後再來，或到窗口辦理。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="131"/>
        <source>人脸核验暂时无法进行。请稍后再试，或到窗口办理。</source>
        <translation>人臉核驗暫時無法進行。請稍後再試，或到窗口辦理。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="132"/>
        <source>人脸核验需要身份证，请先刷身份证。</source>
        <translation>人臉核驗需要身份證，請先刷身份證。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="133"/>
        <source>请取走您的身份证</source>
        <translation>請取走您的身份證</translation>
    </message>
    <message>
        <location filename="../messages.py" line="134"/>
        <source>请取走您的社保卡</source>
        <translation>請取走您的社保卡</translation>
    </message>
    <message>
        <location filename="../messages.py" line="141"/>
        <source>拍摄成功</source>
        <translation>拍攝成功</translation>
    </message>
    <message>
        <location filename="../messages.py" line="142"/>
        <source>请正对摄像头</source>
        <translation>請正對鏡頭</translation>
    </message>
    <message>
        <location filename="../messages.py" line="143"/>
        <source>请确保画面中只有您一人</source>
        <translation>請確保畫面中只有您一人</translation>
    </message>
    <message>
        <location filename="../messages.py" line="144"/>
        <source>请靠近一点</source>
        <translation>請靠近一點</translation>
    </message>
    <message>
        <location filename="../messages.py" line="145"/>
        <source>请稍微后退</source>
        <translation>請稍微後退</translation>
    </message>
    <message>
        <location filename="../messages.py" line="146"/>
        <source>请把脸移到框中间</source>
        <translation>請把臉移到框中間</translation>
    </message>
    <message>
        <location filename="../messages.py" line="147"/>
        <source>光线太暗，请面向光源</source>
        <translation>光線太暗，請面向光源</translation>
    </message>
    <message>
        <location filename="../messages.py" line="148"/>
        <source>光线太强，请避开强光</source>
        <translation>光線太強，請避開強光</translation>
    </message>
    <message>
        <location filename="../messages.py" line="149"/>
        <source>请保持不动</source>
        <translation>請保持不動</translation>
    </message>
    <message>
        <location filename="../messages.py" line="153"/>
        <source>您还需要更多时间吗？%1 秒后本次办理将结束，您填写的信息将被清除。需要继续请按“继续办理”。</source>
        <translation>您還需要更多時間嗎？%1 秒後本次辦理將結束，您填寫的資訊將被清除。需要繼續請按「繼續辦理」。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="159"/>
        <source>已通知工作人员，马上有人过来，请在这里稍候。</source>
        <translation>已通知工作人員，馬上有人過來，請在這裡稍候。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="160"/>
        <source>网络暂时不通，工作人员可能还没收到通知。请向附近的工作人员招手示意。</source>
        <translation>網絡暫時不通，工作人員可能還沒收到通知。請向附近的工作人員招手示意。</translation>
    </message>
    <message>
        <location filename="../messages.py" line="193"/>
        <source>没有打印出来，请到咨询台索取。</source>
        <translation>沒有列印出來，請到諮詢台索取。</translation>
    </message>
    <message>
        <location filename="../parts/checkin.py" line="29"/>
        <source>今天没有查到您的预约。您可以取普通号排队办理。</source>
        <translation>今天沒有查到您的預約。您可以取普通號排隊辦理。</translation>
    </message>
    <message>
        <location filename="../parts/checkin.py" line="31"/>
        <source>预约取号需要联网核对预约，网络暂时不通。您可以先取普通号。</source>
        <translation>預約取號需要聯網核對預約，網絡暫時不通。您可以先取普通號。</translation>
    </message>
    <message>
        <location filename="../parts/checkin.py" line="33"/>
        <source>暂时查不到您的预约，请稍后再试。您也可以先取普通号。</source>
        <translation>暫時查不到您的預約，請稍後再試。您也可以先取普通號。</translation>
    </message>
    <message>
        <location filename="../parts/checkin.py" line="35"/>
        <source>这个二维码不是预约二维码，不能取号。您可以先取普通号，或到咨询台询问。</source>
        <translation>這個二維碼不是預約二維碼，不能取號。您可以先取普通號，或到諮詢台詢問。</translation>
    </message>
    <message>
        <location filename="../parts/checkin.py" line="38"/>
        <source>该预约已取过号。如果您没有拿到号码，请到咨询台询问。</source>
        <translation>該預約已取過號。如果您沒有拿到號碼，請到諮詢台詢問。</translation>
    </message>
    <message>
        <location filename="../parts/checkin.py" line="40"/>
        <source>这个预约不是今天的，请在预约当天再来取号。</source>
        <translation>這個預約不是今天的，請在預約當天再來取號。</translation>
    </message>
    <message>
        <location filename="../parts/checkin.py" line="42"/>
        <source>没有查到这个预约，可能已经取消。请到咨询台询问，或先取普通号。</source>
        <translation>沒有查到這個預約，可能已經取消。請到諮詢台詢問，或先取普通號。</translation>
    </message>
    <message>
        <location filename="../parts/checkin.py" line="45"/>
        <source>预约信息和系统记录对不上。请到咨询台询问，或先取普通号。</source>
        <translation>預約資訊和系統記錄對不上。請到諮詢台詢問，或先取普通號。</translation>
    </message>
    <message>
        <location filename="../parts/checkin.py" line="49"/>
        <source>待取号</source>
        <translation>待取號</translation>
    </message>
    <message>
        <location filename="../parts/checkin.py" line="50"/>
        <source>已取过号</source>
        <translation>已取過號</translation>
    </message>
    <message>
        <location filename="../parts/checkin.py" line="51"/>
        <source>不能取号</source>
        <translation>不能取號</translation>
    </message>
    <message>
        <location filename="../parts/form.py" line="40"/>
        <source>请输入手机号码。</source>
        <translation>請輸入手機號碼。</translation>
    </message>
    <message>
        <location filename="../parts/form.py" line="41"/>
        <source>手机号码只能是数字，请重新输入。</source>
        <translation>手機號碼只能是數字，請重新輸入。</translation>
    </message>
    <message>
        <location filename="../parts/form.py" line="43"/>
        <source>手机号码是 11 位数字，您输入了 %1 位。请检查后重新输入。</source>
        <translation>手機號碼是 11 位數字，您輸入了 %1 位。請檢查後重新輸入。</translation>
    </message>
    <message>
        <location filename="../parts/form.py" line="44"/>
        <source>手机号码的第一位是 1，请检查后重新输入。</source>
        <translation>手機號碼的第一位是 1，請檢查後重新輸入。</translation>
    </message>
    <message>
        <location filename="../parts/form.py" line="46"/>
        <source>这不是手机号码：手机号码以 13 到 19 开头。请检查后重新输入。</source>
        <translation>這不是手機號碼：手機號碼以 13 到 19 開頭。請檢查後重新輸入。</translation>
    </message>
    <message>
        <location filename="../parts/form.py" line="48"/>
        <source>请点选其中一项。</source>
        <translation>請點選其中一項。</translation>
    </message>
    <message>
        <location filename="../parts/form.py" line="49"/>
        <source>还没有照片，请点“拍照”。</source>
        <translation>還沒有照片，請點「拍照」。</translation>
    </message>
    <message>
        <location filename="../parts/form.py" line="50"/>
        <source>已换成新照片。满意请点“用这张照片”。</source>
        <translation>已換成新照片。滿意請點「用這張照片」。</translation>
    </message>
    <message>
        <location filename="../parts/form.py" line="51"/>
        <source>新照片与身份证照片不一致，仍用原来的照片。</source>
        <translation>新照片與身份證照片不一致，仍用原來的照片。</translation>
    </message>
    <message>
        <location filename="../parts/form.py" line="52"/>
        <source>现在无法核验新照片，仍用原来的照片。</source>
        <translation>現在無法核驗新照片，仍用原來的照片。</translation>
    </message>
    <message>
        <location filename="../parts/form.py" line="53"/>
        <source>没有拍到合格的照片，仍用原来的照片。</source>
        <translation>沒有拍到合格的照片，仍用原來的照片。</translation>
    </message>
    <message>
        <location filename="../parts/form.py" line="54"/>
        <source>已经重拍了 %1 次，不能再拍了。</source>
        <translation>已經重拍了 %1 次，不能再拍了。</translation>
    </message>
    <message>
        <location filename="../parts/payment.py" line="46"/>
        <source>您名下没有需要缴纳的车船税</source>
        <translation>您名下沒有需要繳納的車船稅</translation>
    </message>
    <message>
        <location filename="../parts/payment.py" line="47"/>
        <source>已取消支付，没有扣款。</source>
        <translation>已取消支付，沒有扣款。</translation>
    </message>
    <message>
        <location filename="../parts/payment.py" line="48"/>
        <source>网络不稳定，正在重试…</source>
        <translation>網絡不穩定，正在重試…</translation>
    </message>
    <message>
        <location filename="../parts/payment.py" line="49"/>
        <source>缴费成功</source>
        <translation>繳費成功</translation>
    </message>
    <message>
        <location filename="../parts/payment.py" line="50"/>
        <source>请在下方出纸口取走缴费凭条。</source>
        <translation>請在下方出紙口取走繳費憑條。</translation>
    </message>
    <message>
        <location filename="../parts/payment.py" line="51"/>
        <source>凭条没有打印出来，缴费已成功，可到窗口补打</source>
        <translation>憑條沒有列印出來，繳費已成功，可到窗口補印</translation>
    </message>
    <message>
        <location filename="../parts/payment.py" line="52"/>
        <source>支付已超时，没有扣款，请重新办理</source>
        <translation>支付已逾時，沒有扣款，請重新辦理</translation>
    </message>
    <message>
        <location filename="../parts/payment.py" line="53"/>
        <source>支付没有成功。请重新支付，或到窗口办理。</source>
        <translation>支付沒有成功。請重新支付，或到窗口辦理。</translation>
    </message>
    <message>
        <location filename="../parts/payment.py" line="54"/>
        <source>请到窗口核实缴费结果</source>
        <translation>請到窗口核實繳費結果</translation>
    </message>
    <message>
        <location filename="../parts/payment.py" line="56"/>
        <source>暂时查不到这笔支付的结果。请记下订单号，到窗口核实，不要重复缴费。</source>
        <translation>暫時查不到這筆支付的結果。請記下訂單號，到窗口核實，不要重複繳費。</translation>
    </message>
    <message>
        <location filename="../parts/payment.py" line="59"/>
        <source>暂时无法生成支付二维码，没有扣款。请稍后再试，或到窗口办理。</source>
        <translation>暫時無法產生支付二維碼，沒有扣款。請稍後再試，或到窗口辦理。</translation>
    </message>
    <message>
        <location filename="../parts/payment.py" line="61"/>
        <source>这辆车的车船税已经缴纳，不需要再缴。</source>
        <translation>這輛車的車船稅已經繳納，不需要再繳。</translation>
    </message>
</context>
<context>
    <name>NavBar</name>
    <message>
        <location filename="../qml/NavBar.qml" line="26"/>
        <source>返回</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../qml/NavBar.qml" line="33"/>
        <source>结束办理</source>
        <translation>結束辦理</translation>
    </message>
</context>
<context>
    <name>OpeningScreen</name>
    <message>
        <location filename="../qml/OpeningScreen.qml" line="11"/>
        <source>您好，%1</source>
        <translation>您好，%1</translation>
    </message>
    <message>
        <location filename="../qml/OpeningScreen.qml" line="17"/>
        <source>正在核对取件码并打开柜门，请稍候…</source>
        <translation>正在核對取件碼並打開櫃門，請稍候…</translation>
    </message>
</context>
<context>
    <name>PayItemsScreen</name>
    <message>
        <location filename="../qml/PayItemsScreen.qml" line="22"/>
        <source>请选择要缴纳车船税的车辆</source>
        <translation>請選擇要繳納車船稅的車輛</translation>
    </message>
    <message>
        <location filename="../qml/PayItemsScreen.qml" line="23"/>
        <source>选好后用手机扫码支付</source>
        <translation>選好後用手機掃碼支付</translation>
    </message>
    <message>
        <location filename="../qml/PayItemsScreen.qml" line="44"/>
        <source>正在查询您名下的车辆，请稍候…</source>
        <translation>正在查詢您名下的車輛，請稍候…</translation>
    </message>
    <message>
        <location filename="../qml/PayItemsScreen.qml" line="86"/>
        <source>%1 · %2 年度</source>
        <translation>%1 · %2 年度</translation>
    </message>
    <message>
        <location filename="../qml/PayItemsScreen.qml" line="106"/>
        <source>去缴费</source>
        <translation>去繳費</translation>
    </message>
    <message>
        <location filename="../qml/PayItemsScreen.qml" line="106"/>
        <source>已缴纳</source>
        <translation>已繳納</translation>
    </message>
    <message>
        <location filename="../qml/PayItemsScreen.qml" line="127"/>
        <source>上一页</source>
        <translation>上一頁</translation>
    </message>
    <message>
        <location filename="../qml/PayItemsScreen.qml" line="132"/>
        <source>第 %1 / %2 页</source>
        <translation>第 %1 / %2 頁</translation>
    </message>
    <message>
        <location filename="../qml/PayItemsScreen.qml" line="140"/>
        <source>下一页</source>
        <translation>下一頁</translation>
    </message>
</context>
<context>
    <name>PayResultScreen</name>
    <message>
        <location filename="../qml/PayResultScreen.qml" line="39"/>
        <source>%1 已缴纳 %2</source>
        <translation>%1 已繳納 %2</translation>
    </message>
    <message>
        <location filename="../qml/PayResultScreen.qml" line="46"/>
        <source>订单号：%1</source>
        <translation>訂單號：%1</translation>
    </message>
    <message>
        <location filename="../qml/PayResultScreen.qml" line="60"/>
        <source>请记得取回您的身份证。</source>
        <translation>請記得取回您的身份證。</translation>
    </message>
    <message>
        <location filename="../qml/PayResultScreen.qml" line="70"/>
        <source>重新支付</source>
        <translation>重新支付</translation>
    </message>
    <message>
        <location filename="../qml/PayResultScreen.qml" line="77"/>
        <source>缴纳下一辆车</source>
        <translation>繳納下一輛車</translation>
    </message>
</context>
<context>
    <name>PayingScreen</name>
    <message>
        <location filename="../qml/PayingScreen.qml" line="37"/>
        <source>正在生成支付二维码…</source>
        <translation>正在產生支付二維碼…</translation>
    </message>
    <message>
        <location filename="../qml/PayingScreen.qml" line="50"/>
        <source>请用手机银联云闪付、支付宝或微信扫码支付</source>
        <translation>請用手機銀聯雲閃付、支付寶或微信掃碼支付</translation>
    </message>
    <message>
        <location filename="../qml/PayingScreen.qml" line="56"/>
        <source>应缴金额</source>
        <translation>應繳金額</translation>
    </message>
    <message>
        <location filename="../qml/PayingScreen.qml" line="69"/>
        <source>%1 · %2 · %3 年度</source>
        <translation>%1 · %2 · %3 年度</translation>
    </message>
    <message>
        <location filename="../qml/PayingScreen.qml" line="76"/>
        <source>正在确认支付结果，请稍候…</source>
        <translation>正在確認支付結果，請稍候…</translation>
    </message>
    <message>
        <location filename="../qml/PayingScreen.qml" line="78"/>
        <source>剩余 %1 分 %2 秒，请扫码完成支付</source>
        <translation>剩餘 %1 分 %2 秒，請掃碼完成支付</translation>
    </message>
    <message>
        <location filename="../qml/PayingScreen.qml" line="79"/>
        <source>剩余 %1 秒，请扫码完成支付</source>
        <translation>剩餘 %1 秒，請掃碼完成支付</translation>
    </message>
    <message>
        <location filename="../qml/PayingScreen.qml" line="91"/>
        <source>支付完成后请稍候，本机会自动打印缴费凭条。</source>
        <translation>支付完成後請稍候，本機會自動列印繳費憑條。</translation>
    </message>
    <message>
        <location filename="../qml/PayingScreen.qml" line="100"/>
        <source>取消支付</source>
        <translation>取消支付</translation>
    </message>
</context>
<context>
    <name>PhoneField</name>
    <message>
        <location filename="../qml/PhoneField.qml" line="42"/>
        <source>确定</source>
        <translation>確定</translation>
    </message>
</context>
<context>
    <name>PhotoField</name>
    <message>
        <location filename="../qml/PhotoField.qml" line="38"/>
        <source>请正对摄像头</source>
        <translation>請正對鏡頭</translation>
    </message>
    <message>
        <location filename="../qml/PhotoField.qml" line="39"/>
        <source>还没有照片</source>
        <translation>還沒有照片</translation>
    </message>
    <message>
        <location filename="../qml/PhotoField.qml" line="59"/>
        <source>用这张照片</source>
        <translation>用這張照片</translation>
    </message>
    <message>
        <location filename="../qml/PhotoField.qml" line="67"/>
        <source>重新拍照</source>
        <translation>重新拍照</translation>
    </message>
    <message>
        <location filename="../qml/PhotoField.qml" line="67"/>
        <source>拍照</source>
        <translation>拍照</translation>
    </message>
    <message>
        <location filename="../qml/PhotoField.qml" line="68"/>
        <source>请正对上方的摄像头</source>
        <translation>請正對上方的鏡頭</translation>
    </message>
    <message>
        <location filename="../qml/PhotoField.qml" line="76"/>
        <source>不拍了，用原来的照片</source>
        <translation>不拍了，用原來的照片</translation>
    </message>
</context>
<context>
    <name>PickupCodeScreen</name>
    <message>
        <location filename="../qml/PickupCodeScreen.qml" line="13"/>
        <source>请输入取件码</source>
        <translation>請輸入取件碼</translation>
    </message>
    <message>
        <location filename="../qml/PickupCodeScreen.qml" line="14"/>
        <source>取件码在办好证件时收到的短信里，是 6 位数字。输入后请按“确定”，再放身份证。</source>
        <translation>取件碼在辦好證件時收到的短信裡，是 6 位數字。輸入後請按「確定」，再放身份證。</translation>
    </message>
</context>
<context>
    <name>PickupResultScreen</name>
    <message>
        <location filename="../qml/PickupResultScreen.qml" line="20"/>
        <source>%1 号柜门已打开</source>
        <translation>%1 號櫃門已打開</translation>
    </message>
    <message>
        <location filename="../qml/PickupResultScreen.qml" line="34"/>
        <source>请记得取回您的身份证。</source>
        <translation>請記得取回您的身份證。</translation>
    </message>
    <message>
        <location filename="../qml/PickupResultScreen.qml" line="43"/>
        <source>重新输入取件码</source>
        <translation>重新輸入取件碼</translation>
    </message>
</context>
<context>
    <name>PrintedScreen</name>
    <message>
        <location filename="../qml/PrintedScreen.qml" line="17"/>
        <source>《%1》已打印</source>
        <translation>《%1》已列印</translation>
    </message>
    <message>
        <location filename="../qml/PrintedScreen.qml" line="31"/>
        <source>请记得取回您的身份证。</source>
        <translation>請記得取回您的身份證。</translation>
    </message>
</context>
<context>
    <name>PrintingScreen</name>
    <message>
        <location filename="../qml/PrintingScreen.qml" line="12"/>
        <source>您好，%1</source>
        <translation>您好，%1</translation>
    </message>
    <message>
        <location filename="../qml/PrintingScreen.qml" line="18"/>
        <source>正在为您查询并打印《%1》，请稍候…</source>
        <translation>正在為您查詢並列印《%1》，請稍候…</translation>
    </message>
    <message>
        <location filename="../qml/PrintingScreen.qml" line="23"/>
        <source>打印一般需要半分钟，请不要离开。不想等了，可以按“结束办理”。</source>
        <translation>列印一般需要半分鐘，請不要離開。不想等了，可以按「結束辦理」。</translation>
    </message>
</context>
<context>
    <name>QrPicture</name>
    <message>
        <location filename="../qml/QrPicture.qml" line="23"/>
        <source>摄像头</source>
        <translation>鏡頭</translation>
    </message>
</context>
<context>
    <name>QueryingScreen</name>
    <message>
        <location filename="../qml/QueryingScreen.qml" line="11"/>
        <source>您好，%1</source>
        <translation>您好，%1</translation>
    </message>
    <message>
        <location filename="../qml/QueryingScreen.qml" line="17"/>
        <source>正在查询，请稍候…</source>
        <translation>正在查詢，請稍候…</translation>
    </message>
</context>
<context>
    <name>RatingReasonScreen</name>
    <message>
        <location filename="../qml/RatingReasonScreen.qml" line="6"/>
        <source>等候时间太长</source>
        <translation>等候時間太長</translation>
    </message>
    <message>
        <location filename="../qml/RatingReasonScreen.qml" line="6"/>
        <source>机器操作太复杂</source>
        <translation>機器操作太複雜</translation>
    </message>
    <message>
        <location filename="../qml/RatingReasonScreen.qml" line="7"/>
        <source>设备出了故障</source>
        <translation>設備出了故障</translation>
    </message>
    <message>
        <location filename="../qml/RatingReasonScreen.qml" line="7"/>
        <source>办事指引说得不清楚</source>
        <translation>辦事指引說得不清楚</translation>
    </message>
    <message>
        <location filename="../qml/RatingReasonScreen.qml" line="8"/>
        <source>工作人员服务态度</source>
        <translation>工作人員服務態度</translation>
    </message>
    <message>
        <location filename="../qml/RatingReasonScreen.qml" line="8"/>
        <source>其他原因</source>
        <translation>其他原因</translation>
    </message>
    <message>
        <location filename="../qml/RatingReasonScreen.qml" line="17"/>
        <source>请告诉我们哪里做得不好</source>
        <translation>請告訴我們哪裡做得不好</translation>
    </message>
    <message>
        <location filename="../qml/RatingReasonScreen.qml" line="18"/>
        <source>选一项最主要的原因，我们会认真改进。</source>
        <translation>選一項最主要的原因，我們會認真改進。</translation>
    </message>
</context>
<context>
    <name>RatingScreen</name>
    <message>
        <location filename="../qml/RatingScreen.qml" line="8"/>
        <source>非常满意</source>
        <translation>非常滿意</translation>
    </message>
    <message>
        <location filename="../qml/RatingScreen.qml" line="8"/>
        <source>满意</source>
        <translation>滿意</translation>
    </message>
    <message>
        <location filename="../qml/RatingScreen.qml" line="9"/>
        <source>基本满意</source>
        <translation>基本滿意</translation>
    </message>
    <message>
        <location filename="../qml/RatingScreen.qml" line="9"/>
        <source>不满意</source>
        <translation>不滿意</translation>
    </message>
    <message>
        <location filename="../qml/RatingScreen.qml" line="10"/>
        <source>非常不满意</source>
        <translation>非常不滿意</translation>
    </message>
    <message>
        <location filename="../qml/RatingScreen.qml" line="19"/>
        <source>请对本次服务进行评价</source>
        <translation>請對本次服務進行評價</translation>
    </message>
    <message>
        <location filename="../qml/RatingScreen.qml" line="20"/>
        <source>您的评价帮助我们改进服务</source>
        <translation>您的評價幫助我們改進服務</translation>
    </message>
</context>
<context>
    <name>ResultsScreen</name>
    <message>
        <location filename="../qml/ResultsScreen.qml" line="17"/>
        <source>共 %1 条记录</source>
        <translation>共 %1 條記錄</translation>
    </message>
    <message>
        <location filename="../qml/ResultsScreen.qml" line="18"/>
        <source>暂时查不到（网络或系统原因）。请稍后再试，或到窗口办理。</source>
        <translation>暫時查不到（網絡或系統原因）。請稍後再試，或到窗口辦理。</translation>
    </message>
    <message>
        <location filename="../qml/ResultsScreen.qml" line="60"/>
        <source>没有查到记录。</source>
        <translation>沒有查到記錄。</translation>
    </message>
    <message>
        <location filename="../qml/ResultsScreen.qml" line="72"/>
        <source>上一页</source>
        <translation>上一頁</translation>
    </message>
    <message>
        <location filename="../qml/ResultsScreen.qml" line="78"/>
        <source>第 %1 / %2 页</source>
        <translation>第 %1 / %2 頁</translation>
    </message>
    <message>
        <location filename="../qml/ResultsScreen.qml" line="86"/>
        <source>下一页</source>
        <translation>下一頁</translation>
    </message>
    <message>
        <location filename="../qml/ResultsScreen.qml" line="100"/>
        <source>打印查询结果</source>
        <translation>列印查詢結果</translation>
    </message>
</context>
<context>
    <name>ScreenTitle</name>
    <message>
        <location filename="../qml/ScreenTitle.qml" line="10"/>
        <source>%1。%2</source>
        <translation>%1。%2</translation>
    </message>
</context>
<context>
    <name>SsCardPicture</name>
    <message>
        <location filename="../qml/SsCardPicture.qml" line="19"/>
        <source>社保卡</source>
        <translation>社保卡</translation>
    </message>
    <message>
        <location filename="../qml/SsCardPicture.qml" line="53"/>
        <source>读卡口</source>
        <translation>讀卡口</translation>
    </message>
</context>
<context>
    <name>SubmittedScreen</name>
    <message>
        <location filename="../qml/SubmittedScreen.qml" line="17"/>
        <source>%1 已受理</source>
        <translation>%1 已受理</translation>
    </message>
    <message>
        <location filename="../qml/SubmittedScreen.qml" line="18"/>
        <source>没有登记成功，请到窗口办理。</source>
        <translation>沒有登記成功，請到窗口辦理。</translation>
    </message>
    <message>
        <location filename="../qml/SubmittedScreen.qml" line="35"/>
        <source>受理编号：%1</source>
        <translation>受理編號：%1</translation>
    </message>
    <message>
        <location filename="../qml/SubmittedScreen.qml" line="44"/>
        <source>请取走受理回执</source>
        <translation>請取走受理回執</translation>
    </message>
    <message>
        <location filename="../qml/SubmittedScreen.qml" line="50"/>
        <source>请记得取回您的身份证。</source>
        <translation>請記得取回您的身份證。</translation>
    </message>
</context>
<context>
    <name>TakeCardReminder</name>
    <message>
        <location filename="../qml/TakeCardReminder.qml" line="48"/>
        <source>再说一遍</source>
        <translation>再說一遍</translation>
    </message>
    <message>
        <location filename="../qml/TakeCardReminder.qml" line="48"/>
        <source>我已取走</source>
        <translation>我已取走</translation>
    </message>
</context>
<context>
    <name>Tech</name>
    <message>
        <location filename="../parts/technician.py" line="39"/>
        <source>设备维修中</source>
        <translation>設備維修中</translation>
    </message>
    <message>
        <location filename="../parts/technician.py" line="39"/>
        <source>更换耗材中</source>
        <translation>更換耗材中</translation>
    </message>
    <message>
        <location filename="../parts/technician.py" line="40"/>
        <source>网络故障</source>
        <translation>網絡故障</translation>
    </message>
    <message>
        <location filename="../parts/technician.py" line="43"/>
        <source>密码错误，还可以再试 %1 次</source>
        <translation>密碼錯誤，還可以再試 %1 次</translation>
    </message>
    <message>
        <location filename="../parts/technician.py" line="44"/>
        <source>错误次数过多，请 %1 秒后再试</source>
        <translation>錯誤次數過多，請 %1 秒後再試</translation>
    </message>
    <message>
        <location filename="../parts/technician.py" line="45"/>
        <source>本机尚未收到技术员密码（需先与大厅同步）</source>
        <translation>本機尚未收到技術員密碼（需先與大廳同步）</translation>
    </message>
    <message>
        <location filename="../parts/technician.py" line="46"/>
        <source>正在验证…</source>
        <translation>正在驗證…</translation>
    </message>
    <message>
        <location filename="../parts/technician.py" line="47"/>
        <source>诊断包已写入：%1</source>
        <translation>診斷包已寫入：%1</translation>
    </message>
    <message>
        <location filename="../parts/technician.py" line="48"/>
        <source>没有找到U盘，请插入U盘或保存到本机</source>
        <translation>沒有找到U盤，請插入U盤或保存到本機</translation>
    </message>
    <message>
        <location filename="../parts/technician.py" line="49"/>
        <source>操作失败：%1</source>
        <translation>操作失敗：%1</translation>
    </message>
    <message>
        <location filename="../parts/technician.py" line="50"/>
        <source>已重新发送，下次同步时送达大厅</source>
        <translation>已重新發送，下次同步時送達大廳</translation>
    </message>
    <message>
        <location filename="../parts/technician.py" line="51"/>
        <source>已导出：%1</source>
        <translation>已導出：%1</translation>
    </message>
    <message>
        <location filename="../parts/technician.py" line="52"/>
        <source>计数已清零</source>
        <translation>計數已清零</translation>
    </message>
    <message>
        <location filename="../parts/technician.py" line="53"/>
        <source>已开始同步</source>
        <translation>已開始同步</translation>
    </message>
    <message>
        <location filename="../parts/technician.py" line="54"/>
        <source>正在重启应用…</source>
        <translation>正在重啟應用…</translation>
    </message>
    <message>
        <location filename="../parts/technician.py" line="55"/>
        <source>诊断包（%1 KB）已排队上传大厅，同步时送达</source>
        <translation>診斷包（%1 KB）已排隊上傳大廳，同步時送達</translation>
    </message>
    <message>
        <location filename="../parts/technician.py" line="56"/>
        <source>本机未配置大厅，请导出到U盘</source>
        <translation>本機未配置大廳，請導出到U盤</translation>
    </message>
</context>
<context>
    <name>TechActions</name>
    <message>
        <location filename="../qml/TechActions.qml" line="13"/>
        <source>已暂停服务：%1</source>
        <translation>已暫停服務：%1</translation>
    </message>
    <message>
        <location filename="../qml/TechActions.qml" line="14"/>
        <source>服务中</source>
        <translation>服務中</translation>
    </message>
    <message>
        <location filename="../qml/TechActions.qml" line="22"/>
        <source>暂停服务，原因：</source>
        <translation>暫停服務，原因：</translation>
    </message>
    <message>
        <location filename="../qml/TechActions.qml" line="33"/>
        <source>恢复服务</source>
        <translation>恢復服務</translation>
    </message>
    <message>
        <location filename="../qml/TechActions.qml" line="37"/>
        <source>清零使用计数</source>
        <translation>清零使用計數</translation>
    </message>
    <message>
        <location filename="../qml/TechActions.qml" line="51"/>
        <source>确定清零 %1 的计数？清零后不能恢复。</source>
        <translation>確定清零 %1 的計數？清零後不能恢復。</translation>
    </message>
    <message>
        <location filename="../qml/TechActions.qml" line="54"/>
        <source>确定清零</source>
        <translation>確定清零</translation>
    </message>
    <message>
        <location filename="../qml/TechActions.qml" line="56"/>
        <location filename="../qml/TechActions.qml" line="85"/>
        <source>取消</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../qml/TechActions.qml" line="60"/>
        <source>诊断包（设备报告、计数、同步状态、日志、配置、版本）</source>
        <translation>診斷包（設備報告、計數、同步狀態、日誌、配置、版本）</translation>
    </message>
    <message>
        <location filename="../qml/TechActions.qml" line="64"/>
        <source>导出到U盘</source>
        <translation>導出到U盤</translation>
    </message>
    <message>
        <location filename="../qml/TechActions.qml" line="65"/>
        <source>保存到本机</source>
        <translation>保存到本機</translation>
    </message>
    <message>
        <location filename="../qml/TechActions.qml" line="66"/>
        <source>上传到大厅</source>
        <translation>上傳到大廳</translation>
    </message>
    <message>
        <location filename="../qml/TechActions.qml" line="69"/>
        <source>重启应用（关闭设备与数据库后重新启动，已办理的业务不会丢失）</source>
        <translation>重啟應用（關閉設備與資料庫後重新啟動，已辦理的業務不會遺失）</translation>
    </message>
    <message>
        <location filename="../qml/TechActions.qml" line="73"/>
        <source>重启应用</source>
        <translation>重啟應用</translation>
    </message>
    <message>
        <location filename="../qml/TechActions.qml" line="79"/>
        <source>确定重启应用？约需十几秒，期间暂停服务。</source>
        <translation>確定重啟應用？約需十幾秒，期間暫停服務。</translation>
    </message>
    <message>
        <location filename="../qml/TechActions.qml" line="82"/>
        <source>确定重启</source>
        <translation>確定重啟</translation>
    </message>
</context>
<context>
    <name>TechDevices</name>
    <message>
        <location filename="../qml/TechDevices.qml" line="46"/>
        <source>柜门号</source>
        <translation>櫃門號</translation>
    </message>
    <message>
        <location filename="../qml/TechDevices.qml" line="75"/>
        <source>内部检测</source>
        <translation>內部檢測</translation>
    </message>
    <message>
        <location filename="../qml/TechDevices.qml" line="76"/>
        <source>外部检测</source>
        <translation>外部檢測</translation>
    </message>
    <message>
        <location filename="../qml/TechDevices.qml" line="76"/>
        <source>交互检测</source>
        <translation>交互檢測</translation>
    </message>
    <message>
        <location filename="../qml/TechDevices.qml" line="97"/>
        <source>实时预览</source>
        <translation>即時預覽</translation>
    </message>
    <message>
        <location filename="../qml/TechDevices.qml" line="99"/>
        <source>停止预览</source>
        <translation>停止預覽</translation>
    </message>
    <message>
        <location filename="../qml/TechDevices.qml" line="116"/>
        <source>正在打开摄像头…</source>
        <translation>正在開啟攝像頭…</translation>
    </message>
    <message>
        <location filename="../qml/TechDevices.qml" line="127"/>
        <source>人脸合格</source>
        <translation>人臉合格</translation>
    </message>
    <message>
        <location filename="../qml/TechDevices.qml" line="148"/>
        <source>正在检测… 已用 %1 秒</source>
        <translation>正在檢測… 已用 %1 秒</translation>
    </message>
    <message>
        <location filename="../qml/TechDevices.qml" line="153"/>
        <source>取消检测</source>
        <translation>取消檢測</translation>
    </message>
    <message>
        <location filename="../qml/TechDevices.qml" line="177"/>
        <source>建议：</source>
        <translation>建議：</translation>
    </message>
</context>
<context>
    <name>TechLogs</name>
    <message>
        <location filename="../qml/TechLogs.qml" line="8"/>
        <source>全部</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../qml/TechLogs.qml" line="16"/>
        <source>导出到U盘</source>
        <translation>導出到U盤</translation>
    </message>
    <message>
        <location filename="../qml/TechLogs.qml" line="17"/>
        <source>保存到本机</source>
        <translation>保存到本機</translation>
    </message>
</context>
<context>
    <name>TechNetwork</name>
    <message>
        <location filename="../qml/TechNetwork.qml" line="12"/>
        <source>大厅连接</source>
        <translation>大廳連接</translation>
    </message>
    <message>
        <location filename="../qml/TechNetwork.qml" line="12"/>
        <source>可连接</source>
        <translation>可連接</translation>
    </message>
    <message>
        <location filename="../qml/TechNetwork.qml" line="13"/>
        <source>连接不上</source>
        <translation>連接不上</translation>
    </message>
    <message>
        <location filename="../qml/TechNetwork.qml" line="14"/>
        <source>上次成功</source>
        <translation>上次成功</translation>
    </message>
    <message>
        <location filename="../qml/TechNetwork.qml" line="14"/>
        <source>从未</source>
        <translation>從未</translation>
    </message>
    <message>
        <location filename="../qml/TechNetwork.qml" line="15"/>
        <source>上次错误</source>
        <translation>上次錯誤</translation>
    </message>
    <message>
        <location filename="../qml/TechNetwork.qml" line="16"/>
        <source>待上传</source>
        <translation>待上傳</translation>
    </message>
    <message>
        <location filename="../qml/TechNetwork.qml" line="16"/>
        <source>最早的已等 %1</source>
        <translation>最早的已等 %1</translation>
    </message>
    <message>
        <location filename="../qml/TechNetwork.qml" line="17"/>
        <location filename="../qml/TechNetwork.qml" line="41"/>
        <source>事项目录</source>
        <translation>事項目錄</translation>
    </message>
    <message>
        <location filename="../qml/TechNetwork.qml" line="18"/>
        <source>大厅签名</source>
        <translation>大廳簽名</translation>
    </message>
    <message>
        <location filename="../qml/TechNetwork.qml" line="18"/>
        <source>不校验（未配置大厅公钥）</source>
        <translation>不校驗（未配置大廳公鑰）</translation>
    </message>
    <message>
        <location filename="../qml/TechNetwork.qml" line="19"/>
        <source>无法校验，大厅下发的一律不用：%1</source>
        <translation>無法校驗，大廳下發的一律不用：%1</translation>
    </message>
    <message>
        <location filename="../qml/TechNetwork.qml" line="20"/>
        <source>已校验（密钥 %1）</source>
        <translation>已校驗（密鑰 %1）</translation>
    </message>
    <message>
        <location filename="../qml/TechNetwork.qml" line="21"/>
        <source>软件版本</source>
        <translation>軟件版本</translation>
    </message>
    <message>
        <location filename="../qml/TechNetwork.qml" line="24"/>
        <source>%1：%2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location filename="../qml/TechNetwork.qml" line="35"/>
        <source>已拒收%1（%2，自 %3 起）：签名不符，仍用上次的</source>
        <translation>已拒收%1（%2，自 %3 起）：簽名不符，仍用上次的</translation>
    </message>
    <message>
        <location filename="../qml/TechNetwork.qml" line="41"/>
        <source>终端配置</source>
        <translation>終端配置</translation>
    </message>
    <message>
        <location filename="../qml/TechNetwork.qml" line="42"/>
        <source>柜门分配</source>
        <translation>櫃門分配</translation>
    </message>
    <message>
        <location filename="../qml/TechNetwork.qml" line="46"/>
        <source>立即同步</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <location filename="../qml/TechNetwork.qml" line="47"/>
        <source>刷新</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../qml/TechNetwork.qml" line="48"/>
        <source>导出隔离记录</source>
        <translation>導出隔離記錄</translation>
    </message>
    <message>
        <location filename="../qml/TechNetwork.qml" line="53"/>
        <source>隔离的记录（大厅拒收或无法发送）：%1 条</source>
        <translation>隔離的記錄（大廳拒收或無法發送）：%1 條</translation>
    </message>
    <message>
        <location filename="../qml/TechNetwork.qml" line="72"/>
        <source>重新发送</source>
        <translation>重新發送</translation>
    </message>
</context>
<context>
    <name>TechOverview</name>
    <message>
        <location filename="../qml/TechOverview.qml" line="53"/>
        <source>计数：</source>
        <translation>計數：</translation>
    </message>
    <message>
        <location filename="../qml/TechOverview.qml" line="54"/>
        <source>清零于 %1</source>
        <translation>清零於 %1</translation>
    </message>
</context>
<context>
    <name>TechScreen</name>
    <message>
        <location filename="../qml/TechScreen.qml" line="21"/>
        <source>技术员登录</source>
        <translation>技術員登錄</translation>
    </message>
    <message>
        <location filename="../qml/TechScreen.qml" line="26"/>
        <source>请输入技术员密码</source>
        <translation>請輸入技術員密碼</translation>
    </message>
    <message>
        <location filename="../qml/TechScreen.qml" line="35"/>
        <source>登录</source>
        <translation>登錄</translation>
    </message>
    <message>
        <location filename="../qml/TechScreen.qml" line="47"/>
        <location filename="../qml/TechScreen.qml" line="72"/>
        <source>取消</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../qml/TechScreen.qml" line="60"/>
        <source>等待当前市民办理结束后进入技术员模式</source>
        <translation>等待當前市民辦理結束後進入技術員模式</translation>
    </message>
    <message>
        <location filename="../qml/TechScreen.qml" line="65"/>
        <source>市民办理结束或超时后自动进入；新的市民不能开始办理。</source>
        <translation>市民辦理結束或超時後自動進入；新的市民不能開始辦理。</translation>
    </message>
    <message>
        <location filename="../qml/TechScreen.qml" line="91"/>
        <source>技术员模式</source>
        <translation>技術員模式</translation>
    </message>
    <message>
        <location filename="../qml/TechScreen.qml" line="101"/>
        <source>无操作 %1 秒后自动退出</source>
        <translation>無操作 %1 秒後自動退出</translation>
    </message>
    <message>
        <location filename="../qml/TechScreen.qml" line="111"/>
        <source>退出技术员模式</source>
        <translation>退出技術員模式</translation>
    </message>
    <message>
        <location filename="../qml/TechScreen.qml" line="123"/>
        <source>总览</source>
        <translation>總覽</translation>
    </message>
    <message>
        <location filename="../qml/TechScreen.qml" line="123"/>
        <source>设备检测</source>
        <translation>設備檢測</translation>
    </message>
    <message>
        <location filename="../qml/TechScreen.qml" line="124"/>
        <source>网络与同步</source>
        <translation>網絡與同步</translation>
    </message>
    <message>
        <location filename="../qml/TechScreen.qml" line="124"/>
        <source>日志</source>
        <translation>日誌</translation>
    </message>
    <message>
        <location filename="../qml/TechScreen.qml" line="125"/>
        <source>操作</source>
        <translation>操作</translation>
    </message>
</context>
<context>
    <name>TicketScreen</name>
    <message>
        <location filename="../qml/TicketScreen.qml" line="20"/>
        <source>您的号码</source>
        <translation>您的號碼</translation>
    </message>
    <message>
        <location filename="../qml/TicketScreen.qml" line="41"/>
        <source>预约号</source>
        <translation>預約號</translation>
    </message>
    <message>
        <location filename="../qml/TicketScreen.qml" line="52"/>
        <source>前面还有 %1 人等候</source>
        <translation>前面還有 %1 人等候</translation>
    </message>
    <message>
        <location filename="../qml/TicketScreen.qml" line="53"/>
        <source>等候人数请看叫号屏</source>
        <translation>等候人數請看叫號屏</translation>
    </message>
    <message>
        <location filename="../qml/TicketScreen.qml" line="61"/>
        <source>请取走凭条</source>
        <translation>請取走憑條</translation>
    </message>
    <message>
        <location filename="../qml/TicketScreen.qml" line="75"/>
        <source>请留意叫号屏和广播。如使用了身份证，请记得取回。</source>
        <translation>請留意叫號屏和廣播。如使用了身份證，請記得取回。</translation>
    </message>
</context>
<context>
    <name>TimeoutDialog</name>
    <message>
        <location filename="../qml/TimeoutDialog.qml" line="34"/>
        <source>继续办理</source>
        <translation>繼續辦理</translation>
    </message>
</context>
</TS>
