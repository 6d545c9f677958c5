<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AppointmentsScreen</name>
    <message>
        <location filename="../qml/AppointmentsScreen.qml" line="24"/>
        <source>请核对您的预约</source>
        <translation>Please check your appointment</translation>
    </message>
    <message>
        <location filename="../qml/AppointmentsScreen.qml" line="25"/>
        <source>您今天的预约</source>
        <translation>Your appointments today</translation>
    </message>
    <message>
        <location filename="../qml/AppointmentsScreen.qml" line="26"/>
        <source>预约取号</source>
        <translation>Appointment check-in</translation>
    </message>
    <message>
        <location filename="../qml/AppointmentsScreen.qml" line="27"/>
        <source>您好，%1。</source>
        <translation>Hello, %1.</translation>
    </message>
    <message>
        <location filename="../qml/AppointmentsScreen.qml" line="28"/>
        <source>核对无误后，请点“取号”。</source>
        <translation>If everything is right, touch “Get number”.</translation>
    </message>
    <message>
        <location filename="../qml/AppointmentsScreen.qml" line="38"/>
        <source>正在查询您今天的预约，请稍候…</source>
        <translation>Looking up your appointments for today, please wait…</translation>
    </message>
    <message>
        <location filename="../qml/AppointmentsScreen.qml" line="75"/>
        <source>预约人：%1</source>
        <translation>Booked by: %1</translation>
    </message>
    <message>
        <location filename="../qml/AppointmentsScreen.qml" line="83"/>
        <source>预约编号：%1</source>
        <translation>Appointment number: %1</translation>
    </message>
    <message>
        <location filename="../qml/AppointmentsScreen.qml" line="96"/>
        <source>取号</source>
        <translation>Get number</translation>
    </message>
    <message>
        <location filename="../qml/AppointmentsScreen.qml" line="118"/>
        <source>取普通号</source>
        <translation>Get a regular queue number</translation>
    </message>
    <message>
        <location filename="../qml/AppointmentsScreen.qml" line="119"/>
        <source>不用预约，排队办理</source>
        <translation>No appointment needed: wait for your turn</translation>
    </message>
</context>
<context>
    <name>AttractScreen</name>
    <message>
        <location filename="../qml/AttractScreen.qml" line="36"/>
        <source>暂停服务</source>
        <translation>Out of service</translation>
    </message>
    <message>
        <location filename="../qml/AttractScreen.qml" line="36"/>
        <source>暂停服务：%1</source>
        <translation>Out of service: %1</translation>
    </message>
    <message>
        <location filename="../qml/AttractScreen.qml" line="49"/>
        <source>请触摸屏幕开始</source>
        <translation>Touch the screen to start</translation>
    </message>
    <message>
        <location filename="../qml/AttractScreen.qml" line="73"/>
        <source>取号暂停：%1</source>
        <translation>Queue tickets paused: %1</translation>
    </message>
</context>
<context>
    <name>BigButton</name>
    <message>
        <location filename="../qml/BigButton.qml" line="64"/>
        <source>暂停服务：%1</source>
        <translation>Not available: %1</translation>
    </message>
</context>
<context>
    <name>CategoryScreen</name>
    <message>
        <location filename="../qml/CategoryScreen.qml" line="11"/>
        <source>请选择业务类别</source>
        <translation>Choose the type of business</translation>
    </message>
    <message>
        <location filename="../qml/CategoryScreen.qml" line="12"/>
        <source>不清楚选哪一项，请选“综合咨询”</source>
        <translation>Not sure? Choose “General enquiries”.</translation>
    </message>
</context>
<context>
    <name>ConfirmScreen</name>
    <message>
        <location filename="../qml/ConfirmScreen.qml" line="13"/>
        <source>请确认：%1</source>
        <translation>Please confirm: %1</translation>
    </message>
    <message>
        <location filename="../qml/ConfirmScreen.qml" line="19"/>
        <source>申请人：%1</source>
        <translation>Applicant: %1</translation>
    </message>
    <message>
        <location filename="../qml/ConfirmScreen.qml" line="33"/>
        <source>%1：%2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../qml/ConfirmScreen.qml" line="40"/>
        <source>确认后立即生效，网络不通时也会先在本机登记，稍后自动上报。</source>
        <translation>It takes effect as soon as you confirm. If the network is down, this terminal records it and reports it later by itself.</translation>
    </message>
    <message>
        <location filename="../qml/ConfirmScreen.qml" line="49"/>
        <source>正在登记，请稍候…</source>
        <translation>Recording, please wait…</translation>
    </message>
    <message>
        <location filename="../qml/ConfirmScreen.qml" line="58"/>
        <source>确认办理</source>
        <translation>Confirm</translation>
    </message>
</context>
<context>
    <name>FormScreen</name>
    <message>
        <location filename="../qml/FormScreen.qml" line="20"/>
        <source>第 %1 步，共 %2 步</source>
        <translation>Step %1 of %2</translation>
    </message>
</context>
<context>
    <name>GuideDetailScreen</name>
    <message>
        <location filename="../qml/GuideDetailScreen.qml" line="21"/>
        <source>所需材料</source>
        <translation>What to bring</translation>
    </message>
    <message>
        <location filename="../qml/GuideDetailScreen.qml" line="36"/>
        <source>办理时限</source>
        <translation>Time limit</translation>
    </message>
    <message>
        <location filename="../qml/GuideDetailScreen.qml" line="37"/>
        <source>收费标准</source>
        <translation>Fees</translation>
    </message>
    <message>
        <location filename="../qml/GuideDetailScreen.qml" line="38"/>
        <source>办理地点</source>
        <translation>Where to go</translation>
    </message>
    <message>
        <location filename="../qml/GuideDetailScreen.qml" line="60"/>
        <source>打印这份指南</source>
        <translation>Print this guide</translation>
    </message>
</context>
<context>
    <name>GuidesScreen</name>
    <message>
        <location filename="../qml/GuidesScreen.qml" line="8"/>
        <source>按主题</source>
        <translation>By theme</translation>
    </message>
    <message>
        <location filename="../qml/GuidesScreen.qml" line="8"/>
        <source>按人生事件</source>
        <translation>By life event</translation>
    </message>
    <message>
        <location filename="../qml/GuidesScreen.qml" line="9"/>
        <source>按部门</source>
        <translation>By department</translation>
    </message>
    <message>
        <location filename="../qml/GuidesScreen.qml" line="9"/>
        <source>搜索</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../qml/GuidesScreen.qml" line="20"/>
        <source>办事指南</source>
        <translation>Service guide</translation>
    </message>
    <message>
        <location filename="../qml/GuidesScreen.qml" line="59"/>
        <source>%1（%2）</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location filename="../qml/GuidesScreen.qml" line="69"/>
        <source>按拼音首字母搜索，如“社保缴费”按 S B J F</source>
        <translation>Search by pinyin initials, e.g. S B J F for 社保缴费</translation>
    </message>
    <message>
        <location filename="../qml/GuidesScreen.qml" line="76"/>
        <source>或点常用词：</source>
        <translation>Or touch a common word:</translation>
    </message>
    <message>
        <location filename="../qml/GuidesScreen.qml" line="108"/>
        <source>没有找到相关指南，换个词试试，或到咨询台询问。</source>
        <translation>No guide found. Try another word, or ask at the information desk.</translation>
    </message>
    <message>
        <location filename="../qml/GuidesScreen.qml" line="109"/>
        <source>请在左边选择一项。</source>
        <translation>Choose an item on the left.</translation>
    </message>
</context>
<context>
    <name>Header</name>
    <message>
        <location filename="../qml/Header.qml" line="41"/>
        <source>语音播报</source>
        <translation>Voice</translation>
    </message>
    <message>
        <location filename="../qml/Header.qml" line="47"/>
        <source>长辈模式</source>
        <translation>Elder mode</translation>
    </message>
    <message>
        <location filename="../qml/Header.qml" line="56"/>
        <source>呼叫工作人员</source>
        <translation>Call staff</translation>
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message>
        <location filename="../qml/HomeScreen.qml" line="21"/>
        <source>%1：请选择具体业务</source>
        <translation>%1: please choose a service</translation>
    </message>
    <message>
        <location filename="../qml/HomeScreen.qml" line="22"/>
        <source>请选择您要办理的业务</source>
        <translation>What would you like to do?</translation>
    </message>
    <message>
        <location filename="../qml/HomeScreen.qml" line="51"/>
        <source>上一页</source>
        <translation>Previous</translation>
    </message>
    <message>
        <location filename="../qml/HomeScreen.qml" line="56"/>
        <source>第 %1 / %2 页</source>
        <translation>Page %1 of %2</translation>
    </message>
    <message>
        <location filename="../qml/HomeScreen.qml" line="64"/>
        <source>下一页</source>
        <translation>Next</translation>
    </message>
</context>
<context>
    <name>IdCardPicture</name>
    <message>
        <location filename="../qml/IdCardPicture.qml" line="15"/>
        <source>感应区</source>
        <translation>Reader</translation>
    </message>
    <message>
        <location filename="../qml/IdCardPicture.qml" line="26"/>
        <source>身份证</source>
        <translation>ID card</translation>
    </message>
</context>
<context>
    <name>IdentifyScreen</name>
    <message>
        <location filename="../qml/IdentifyScreen.qml" line="15"/>
        <source>社保卡</source>
        <translation>Social security card</translation>
    </message>
    <message>
        <location filename="../qml/IdentifyScreen.qml" line="16"/>
        <source>扫二维码</source>
        <translation>Scan QR code</translation>
    </message>
    <message>
        <location filename="../qml/IdentifyScreen.qml" line="19"/>
        <source>正在核验，请稍候</source>
        <translation>Checking, please wait</translation>
    </message>
    <message>
        <location filename="../qml/IdentifyScreen.qml" line="21"/>
        <source>人脸核验没有通过</source>
        <translation>The face check failed</translation>
    </message>
    <message>
        <location filename="../qml/IdentifyScreen.qml" line="22"/>
        <source>现在不能进行人脸核验</source>
        <translation>The face check cannot be done now</translation>
    </message>
    <message>
        <location filename="../qml/IdentifyScreen.qml" line="24"/>
        <source>请改用上面的其他方式</source>
        <translation>Please use one of the other ways above</translation>
    </message>
    <message>
        <location filename="../qml/IdentifyScreen.qml" line="25"/>
        <source>可以不核验身份，直接办理</source>
        <translation>You can continue without an identity check</translation>
    </message>
    <message>
        <location filename="../qml/IdentifyScreen.qml" line="26"/>
        <source>现在无法核验身份，请到窗口办理</source>
        <translation>Your identity cannot be checked now. Please go to a service counter.</translation>
    </message>
    <message>
        <location filename="../qml/IdentifyScreen.qml" line="27"/>
        <source>请正对摄像头，进行人脸核验</source>
        <translation>Look straight at the camera for the face check</translation>
    </message>
    <message>
        <location filename="../qml/IdentifyScreen.qml" line="28"/>
        <source>请把社保卡插入读卡口</source>
        <translation>Put your social security card into the card slot</translation>
    </message>
    <message>
        <location filename="../qml/IdentifyScreen.qml" line="29"/>
        <source>请出示手机上的二维码</source>
        <translation>Show the QR code on your phone</translation>
    </message>
    <message>
        <location filename="../qml/IdentifyScreen.qml" line="30"/>
        <source>请将身份证放在感应区</source>
        <translation>Place your ID card on the reader</translation>
    </message>
    <message>
        <location filename="../qml/IdentifyScreen.qml" line="33"/>
        <source>正在把您的照片与身份证照片比对。</source>
        <translation>Comparing your photo with the photo on your ID card.</translation>
    </message>
    <message>
        <location filename="../qml/IdentifyScreen.qml" line="35"/>
        <source>请摘下帽子、口罩和墨镜，看着摄像头，按提示调整。</source>
        <translation>Please take off your hat, mask and sunglasses, look at the camera and follow the instructions.</translation>
    </message>
    <message>
        <location filename="../qml/IdentifyScreen.qml" line="36"/>
        <source>芯片朝里、正面朝上插到底，读完前不要拔出。</source>
        <translation>Chip end first, front side up: push it all the way in. Do not pull it out until it has been read.</translation>
    </message>
    <message>
        <location filename="../qml/IdentifyScreen.qml" line="37"/>
        <source>打开手机上的电子证照或预约二维码，对准摄像头。</source>
        <translation>Open your digital ID or appointment QR code on your phone and hold it up to the camera.</translation>
    </message>
    <message>
        <location filename="../qml/IdentifyScreen.qml" line="38"/>
        <source>感应区在屏幕下方，标有身份证图案。放好后请不要移动。</source>
        <translation>The reader is below the screen, marked with an ID card sign. Keep the card still once it is in place.</translation>
    </message>
    <message>
        <location filename="../qml/IdentifyScreen.qml" line="41"/>
        <source>正在核验…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <location filename="../qml/IdentifyScreen.qml" line="42"/>
        <source>正在等待扫码…</source>
        <translation>Waiting for the QR code…</translation>
    </message>
    <message>
        <location filename="../qml/IdentifyScreen.qml" line="43"/>
        <source>正在等待读卡…</source>
        <translation>Waiting for your card…</translation>
    </message>
    <message>
        <location filename="../qml/IdentifyScreen.qml" line="46"/>
        <source>再试一次</source>
        <translation>Try again</translation>
    </message>
    <message>
        <location filename="../qml/IdentifyScreen.qml" line="47"/>
        <source>重新扫码</source>
        <translation>Scan again</translation>
    </message>
    <message>
        <location filename="../qml/IdentifyScreen.qml" line="48"/>
        <source>重新读卡</source>
        <translation>Read the card again</translation>
    </message>
    <message>
        <location filename="../qml/IdentifyScreen.qml" line="76"/>
        <source>设备故障</source>
        <translation>Out of order</translation>
    </message>
    <message>
        <location filename="../qml/IdentifyScreen.qml" line="89"/>
        <source>第 %1 步，共 %2 步</source>
        <translation>Step %1 of %2</translation>
    </message>
    <message>
        <location filename="../qml/IdentifyScreen.qml" line="90"/>
        <source>：</source>
        <translation>: </translation>
    </message>
    <message>
        <location filename="../qml/IdentifyScreen.qml" line="90"/>
        <source>人脸核验</source>
        <translation>face check</translation>
    </message>
    <message>
        <location filename="../qml/IdentifyScreen.qml" line="91"/>
        <source>刷身份证</source>
        <translation>ID card</translation>
    </message>
    <message>
        <location filename="../qml/IdentifyScreen.qml" line="91"/>
        <source>核验身份</source>
        <translation>identification</translation>
    </message>
    <message>
        <location filename="../qml/IdentifyScreen.qml" line="97"/>
        <source>您好，%1</source>
        <translation>Hello, %1</translation>
    </message>
    <message>
        <location filename="../qml/IdentifyScreen.qml" line="137"/>
        <source>到窗口办理</source>
        <translation>Go to a service counter</translation>
    </message>
    <message>
        <location filename="../qml/IdentifyScreen.qml" line="138"/>
        <source>工作人员会帮您核验身份</source>
        <translation>The staff will check your identity</translation>
    </message>
    <message>
        <location filename="../qml/IdentifyScreen.qml" line="146"/>
        <source>返回</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../qml/IdentifyScreen.qml" line="154"/>
        <source>不刷身份证，直接取号</source>
        <translation>Continue without an ID card</translation>
    </message>
    <message>
        <location filename="../qml/IdentifyScreen.qml" line="155"/>
        <source>不核验身份，直接办理</source>
        <translation>Continue without an identity check</translation>
    </message>
    <message>
        <location filename="../qml/IdentifyScreen.qml" line="156"/>
        <source>咨询业务可以不刷身份证</source>
        <translation>Questions need no ID card</translation>
    </message>
    <message>
        <location filename="../qml/IdentifyScreen.qml" line="15"/>
        <source>身份证</source>
        <translation>ID card</translation>
    </message>
</context>
<context>
    <name>IssuingScreen</name>
    <message>
        <location filename="../qml/IssuingScreen.qml" line="12"/>
        <source>您好，%1</source>
        <translation>Hello, %1</translation>
    </message>
    <message>
        <location filename="../qml/IssuingScreen.qml" line="18"/>
        <source>正在为您取号并打印凭条，请稍候…</source>
        <translation>Getting your number and printing your ticket…</translation>
    </message>
</context>
<context>
    <name>Keypad</name>
    <message>
        <location filename="../qml/Keypad.qml" line="12"/>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../qml/Keypad.qml" line="60"/>
        <source>清空</source>
        <translation>Clear</translation>
    </message>
    <message>
        <location filename="../qml/Keypad.qml" line="60"/>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
</context>
<context>
    <name>KindScreen</name>
    <message>
        <location filename="../qml/KindScreen.qml" line="10"/>
        <source>您来办理什么？</source>
        <translation>What have you come for?</translation>
    </message>
    <message>
        <location filename="../qml/KindScreen.qml" line="19"/>
        <source>需要刷身份证</source>
        <translation>Needs your ID card</translation>
    </message>
    <message>
        <location filename="../qml/KindScreen.qml" line="19"/>
        <source>无需身份证</source>
        <translation>No ID card needed</translation>
    </message>
</context>
<context>
    <name>LetterPad</name>
    <message>
        <location filename="../qml/LetterPad.qml" line="37"/>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../qml/LetterPad.qml" line="38"/>
        <source>清空</source>
        <translation>Clear</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <location filename="../qml/Main.qml" line="12"/>
        <source>政务服务一体机</source>
        <translation>Government self-service terminal</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <location filename="../messages.py" line="17"/>
        <source>打印机缺纸，请到窗口办理</source>
        <translation>The printer is out of paper. Please go to a service counter.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="18"/>
        <source>打印机盖未关好，请到窗口办理</source>
        <translation>The printer cover is open. Please go to a service counter.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="19"/>
        <source>打印机卡纸，请到窗口办理</source>
        <translation>The printer has a paper jam. Please go to a service counter.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="20"/>
        <source>打印机暂时无法使用，请到窗口办理</source>
        <translation>The printer is not working right now. Please go to a service counter.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="21"/>
        <source>本机没有凭条打印机，请到窗口办理</source>
        <translation>This terminal has no ticket printer. Please go to a service counter.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="22"/>
        <source>打印机故障，请到窗口办理</source>
        <translation>The printer has a fault. Please go to a service counter.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="23"/>
        <source>身份证阅读器暂时无法使用，请到窗口办理</source>
        <translation>The ID card reader is not working right now. Please go to a service counter.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="24"/>
        <source>本机没有身份证阅读器，请到窗口办理</source>
        <translation>This terminal has no ID card reader. Please go to a service counter.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="25"/>
        <source>身份证阅读器故障，请到窗口办理</source>
        <translation>The ID card reader has a fault. Please go to a service counter.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="26"/>
        <location filename="../parts/payment.py" line="45"/>
        <source>需要联网办理，网络暂时不通，请到窗口办理</source>
        <translation>This service needs the network, which is down right now. Please go to a service counter.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="29"/>
        <source>社保卡读卡器暂时无法使用，请到窗口办理</source>
        <translation>The social security card reader is not working right now. Please go to a service counter.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="30"/>
        <source>本机没有社保卡读卡器，请到窗口办理</source>
        <translation>This terminal has no social security card reader. Please go to a service counter.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="31"/>
        <source>社保卡读卡器故障，请到窗口办理</source>
        <translation>The social security card reader has a fault. Please go to a service counter.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="32"/>
        <source>摄像头暂时无法使用，请到窗口办理</source>
        <translation>The camera is not working right now. Please go to a service counter.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="33"/>
        <source>本机没有摄像头，请到窗口办理</source>
        <translation>This terminal has no camera. Please go to a service counter.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="34"/>
        <source>摄像头故障，请到窗口办理</source>
        <translation>The camera has a fault. Please go to a service counter.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="36"/>
        <source>本机暂不支持这项业务的身份核验，请到窗口办理</source>
        <translation>This terminal cannot check your identity for this service yet. Please go to a service counter.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="37"/>
        <source>A4 打印机缺纸，请到窗口办理</source>
        <translation>The A4 printer is out of paper. Please go to a service counter.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="38"/>
        <source>A4 打印机卡纸，请到窗口办理</source>
        <translation>The A4 printer has a paper jam. Please go to a service counter.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="39"/>
        <source>A4 打印机暂时无法使用，请到窗口办理</source>
        <translation>The A4 printer is not working right now. Please go to a service counter.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="40"/>
        <source>本机没有 A4 打印机，请到窗口办理</source>
        <translation>This terminal has no A4 printer. Please go to a service counter.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="41"/>
        <source>A4 打印机故障，请到窗口办理</source>
        <translation>The A4 printer has a fault. Please go to a service counter.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="42"/>
        <source>取件柜暂时无法使用，请到窗口领取</source>
        <translation>The lockers are not working right now. Please collect at a service counter.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="43"/>
        <source>本机没有取件柜，请到窗口领取</source>
        <translation>This terminal has no lockers. Please collect at a service counter.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="44"/>
        <source>取件柜故障，请到窗口领取</source>
        <translation>The lockers have a fault. Please collect at a service counter.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="101"/>
        <source>这张证件读不出来。请换个位置再放一次，或到窗口办理。</source>
        <translation>This card could not be read. Place it again a little differently, or go to a service counter.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="102"/>
        <source>本机暂不支持这种证件，请到窗口办理。</source>
        <translation>This terminal cannot read this kind of card yet. Please go to a service counter.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="46"/>
        <source>取号没有成功，请到窗口办理。</source>
        <translation>We could not give you a number. Please go to a service counter.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="28"/>
        <source>本机存储空间已满，暂时无法办理，请到人工窗口</source>
        <translation>This terminal&apos;s storage is full, so it cannot serve you right now. Please go to a staffed counter.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="49"/>
        <source>凭条没有打印出来（打印机缺纸）。您的号码有效，请记下号码。</source>
        <translation>The ticket did not print (out of paper). Your number is valid: please write it down.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="51"/>
        <source>凭条没有打印出来（打印机盖未关好）。您的号码有效，请记下号码。</source>
        <translation>The ticket did not print (printer cover open). Your number is valid: please write it down.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="53"/>
        <source>凭条没有打印出来。您的号码有效，请记下号码。</source>
        <translation>The ticket did not print. Your number is valid: please write it down.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="58"/>
        <source>请到 %1 号柜门取走您的证件，取完请关好柜门。</source>
        <translation>Please take your documents from door %1 and close the door afterwards.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="60"/>
        <source>取件码和身份证对不上。请核对短信里的取件码再输入一次。</source>
        <translation>The code does not match your ID card. Check the code in your text message and enter it again.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="62"/>
        <source>这个取件码的证件已经取走了。如有疑问请到窗口咨询。</source>
        <translation>The documents for this code have already been collected. Please ask at a service counter if in doubt.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="63"/>
        <source>取件码已过期，请到窗口领取。</source>
        <translation>This code has expired. Please collect at a service counter.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="65"/>
        <source>取件码输错次数太多，请 15 分钟后再试，或到窗口领取。</source>
        <translation>Too many wrong codes. Try again in 15 minutes, or collect at a service counter.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="66"/>
        <source>取件信息还没有同步到本机，请到窗口领取。</source>
        <translation>This terminal has not received the pickup details yet. Please collect at a service counter.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="67"/>
        <source>本机没有取件柜，请到窗口领取。</source>
        <translation>This terminal has no lockers. Please collect at a service counter.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="69"/>
        <source>柜门没有打开，请到窗口领取，工作人员会帮您处理。</source>
        <translation>The door did not open. Please go to a service counter; the staff will help you.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="74"/>
        <source>请在下方出纸口取走您的文件，共 %1 页。</source>
        <translation>Please take your document from the tray below: %1 page(s).</translation>
    </message>
    <message>
        <location filename="../messages.py" line="76"/>
        <source>暂时取不到您的证明（网络或系统原因）。请稍后再试，或到窗口办理。</source>
        <translation>Your certificate cannot be fetched right now (network or system). Try again later, or go to a service counter.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="79"/>
        <source>证明没有打印出来（打印机原因），请到窗口办理。</source>
        <translation>The certificate did not print (printer problem). Please go to a service counter.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="80"/>
        <source>本机没有 A4 打印机，请到窗口办理。</source>
        <translation>This terminal has no A4 printer. Please go to a service counter.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="85"/>
        <source>正在打印…</source>
        <translation>Printing…</translation>
    </message>
    <message>
        <location filename="../messages.py" line="86"/>
        <source>已打印，请取走凭条。</source>
        <translation>Printed. Please take the slip.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="87"/>
        <source>打印机缺纸，没有打印出来。</source>
        <translation>The printer is out of paper: nothing was printed.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="96"/>
        <source>没有读到身份证。请把身份证平放在感应区，再点“重新读卡”。</source>
        <translation>Your ID card was not read. Lay it flat on the reader, then touch “Read the card again”.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="98"/>
        <source>身份证拿开得太快了。请把身份证放好，不要移动，再点“重新读卡”。</source>
        <translation>The ID card was taken away too soon. Place it on the reader, keep it still, then touch “Read the card again”.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="103"/>
        <source>证件号码无效，请到窗口办理。</source>
        <translation>The ID number is not valid. Please go to a service counter.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="104"/>
        <source>身份证阅读器暂时无法使用。</source>
        <translation>The ID card reader is not working right now.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="106"/>
        <source>没有读到社保卡。请把社保卡芯片朝里插入读卡口，再点“重新读卡”。</source>
        <translation>Your social security card was not read. Put it into the card slot chip end first, then touch “Read the card again”.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="109"/>
        <source>社保卡拔出得太快了。请重新插卡，读完前不要拔出。</source>
        <translation>The social security card was pulled out too soon. Put it in again and leave it in until it has been read.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="111"/>
        <source>这张社保卡需要先输入密码，请到窗口办理。</source>
        <translation>This social security card needs its PIN first. Please go to a service counter.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="113"/>
        <source>这张社保卡读不出来。请重新插卡，或到窗口办理。</source>
        <translation>This social security card could not be read. Put it in again, or go to a service counter.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="114"/>
        <source>这张卡不是有效的社保卡，请到窗口办理。</source>
        <translation>This is not a valid social security card. Please go to a service counter.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="115"/>
        <source>社保卡读卡器暂时无法使用。</source>
        <translation>The social security card reader is not working right now.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="117"/>
        <source>没有拍到合格的照片。请按提示调整后，再点“再试一次”。</source>
        <translation>No usable photo was taken. Follow the instructions, then touch “Try again”.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="118"/>
        <source>摄像头暂时无法使用。</source>
        <translation>The camera is not working right now.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="120"/>
        <source>没有扫到二维码。请把手机上的二维码对准摄像头，再点“重新扫码”。</source>
        <translation>No QR code was scanned. Hold the QR code on your phone up to the camera, then touch “Scan again”.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="123"/>
        <source>这个二维码不能用于办事。请出示电子证照或预约二维码。</source>
        <translation>This QR code cannot be used here. Please show your digital ID or appointment QR code.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="125"/>
        <source>这是付款码，请勿出示！请出示电子证照或预约二维码。</source>
        <translation>This is a payment code: do not show it! Please show your digital ID or appointment QR code.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="126"/>
        <source>人脸与身份证照片不一致。</source>
        <translation>Your face does not match the photo on your ID card.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="128"/>
        <source>本机暂时无法联网，现在不能进行人脸核验。请稍后再来，或到窗口办理。</source>
        <translation>This terminal cannot connect to the network right now, so the face check cannot be done. Please come back later, or go to a service counter.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="131"/>
        <source>人脸核验暂时无法进行。请稍后再试，或到窗口办理。</source>
        <translation>The face check cannot be done right now. Try again later, or go to a service counter.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="132"/>
        <source>人脸核验需要身份证，请先刷身份证。</source>
        <translation>The face check needs your ID card. Please place your ID card on the reader first.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="133"/>
        <source>请取走您的身份证</source>
        <translation>Please take your ID card</translation>
    </message>
    <message>
        <location filename="../messages.py" line="134"/>
        <source>请取走您的社保卡</source>
        <translation>Please take your social security card</translation>
    </message>
    <message>
        <location filename="../messages.py" line="141"/>
        <source>拍摄成功</source>
        <translation>Photo taken</translation>
    </message>
    <message>
        <location filename="../messages.py" line="142"/>
        <source>请正对摄像头</source>
        <translation>Look straight at the camera</translation>
    </message>
    <message>
        <location filename="../messages.py" line="143"/>
        <source>请确保画面中只有您一人</source>
        <translation>Make sure only you are in the picture</translation>
    </message>
    <message>
        <location filename="../messages.py" line="144"/>
        <source>请靠近一点</source>
        <translation>Come a little closer</translation>
    </message>
    <message>
        <location filename="../messages.py" line="145"/>
        <source>请稍微后退</source>
        <translation>Move back a little</translation>
    </message>
    <message>
        <location filename="../messages.py" line="146"/>
        <source>请把脸移到框中间</source>
        <translation>Move your face to the middle of the frame</translation>
    </message>
    <message>
        <location filename="../messages.py" line="147"/>
        <source>光线太暗，请面向光源</source>
        <translation>Too dark: please face the light</translation>
    </message>
    <message>
        <location filename="../messages.py" line="148"/>
        <source>光线太强，请避开强光</source>
        <translation>Too bright: please move out of the strong light</translation>
    </message>
    <message>
        <location filename="../messages.py" line="149"/>
        <source>请保持不动</source>
        <translation>Please keep still</translation>
    </message>
    <message>
        <location filename="../messages.py" line="153"/>
        <source>您还需要更多时间吗？%1 秒后本次办理将结束，您填写的信息将被清除。需要继续请按“继续办理”。</source>
        <translation>Do you need more time? In %1 seconds this visit ends and what you entered is cleared. To go on, press “Continue”.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="159"/>
        <source>已通知工作人员，马上有人过来，请在这里稍候。</source>
        <translation>The staff have been told. Someone is coming; please wait here.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="160"/>
        <source>网络暂时不通，工作人员可能还没收到通知。请向附近的工作人员招手示意。</source>
        <translation>The network is down, so the staff may not have been told. Please wave to a member of staff nearby.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="193"/>
        <source>没有打印出来，请到咨询台索取。</source>
        <translation>It did not print. Please ask at the information desk.</translation>
    </message>
    <message>
        <location filename="../parts/checkin.py" line="29"/>
        <source>今天没有查到您的预约。您可以取普通号排队办理。</source>
        <translation>No appointment was found for you today. You can get a regular queue number and wait for your turn.</translation>
    </message>
    <message>
        <location filename="../parts/checkin.py" line="31"/>
        <source>预约取号需要联网核对预约，网络暂时不通。您可以先取普通号。</source>
        <translation>Appointment check-in needs the network, which is down right now. You can get a regular queue number instead.</translation>
    </message>
    <message>
        <location filename="../parts/checkin.py" line="33"/>
        <source>暂时查不到您的预约，请稍后再试。您也可以先取普通号。</source>
        <translation>Your appointments cannot be looked up right now. Try again later, or get a regular queue number instead.</translation>
    </message>
    <message>
        <location filename="../parts/checkin.py" line="35"/>
        <source>这个二维码不是预约二维码，不能取号。您可以先取普通号，或到咨询台询问。</source>
        <translation>This is not an appointment QR code, so it cannot give you a number. You can get a regular queue number, or ask at the information desk.</translation>
    </message>
    <message>
        <location filename="../parts/checkin.py" line="38"/>
        <source>该预约已取过号。如果您没有拿到号码，请到咨询台询问。</source>
        <translation>A number has already been given for this appointment. If you did not get it, please ask at the information desk.</translation>
    </message>
    <message>
        <location filename="../parts/checkin.py" line="40"/>
        <source>这个预约不是今天的，请在预约当天再来取号。</source>
        <translation>This appointment is not for today. Please come back on the day of your appointment to get your number.</translation>
    </message>
    <message>
        <location filename="../parts/checkin.py" line="42"/>
        <source>没有查到这个预约，可能已经取消。请到咨询台询问，或先取普通号。</source>
        <translation>This appointment was not found; it may have been cancelled. Please ask at the information desk, or get a regular queue number.</translation>
    </message>
    <message>
        <location filename="../parts/checkin.py" line="45"/>
        <source>预约信息和系统记录对不上。请到咨询台询问，或先取普通号。</source>
        <translation>The appointment details do not match our records. Please ask at the information desk, or get a regular queue number.</translation>
    </message>
    <message>
        <location filename="../parts/checkin.py" line="49"/>
        <source>待取号</source>
        <translation>Number not taken yet</translation>
    </message>
    <message>
        <location filename="../parts/checkin.py" line="50"/>
        <source>已取过号</source>
        <translation>Number already taken</translation>
    </message>
    <message>
        <location filename="../parts/checkin.py" line="51"/>
        <source>不能取号</source>
        <translation>Cannot get a number</translation>
    </message>
    <message>
        <location filename="../parts/form.py" line="40"/>
        <source>请输入手机号码。</source>
        <translation>Please enter your mobile phone number.</translation>
    </message>
    <message>
        <location filename="../parts/form.py" line="41"/>
        <source>手机号码只能是数字，请重新输入。</source>
        <translation>A phone number can only have digits. Please enter it again.</translation>
    </message>
    <message>
        <location filename="../parts/form.py" line="43"/>
        <source>手机号码是 11 位数字，您输入了 %1 位。请检查后重新输入。</source>
        <translation>A mobile phone number has 11 digits; you entered %1. Please check it and enter it again.</translation>
    </message>
    <message>
        <location filename="../parts/form.py" line="44"/>
        <source>手机号码的第一位是 1，请检查后重新输入。</source>
        <translation>A mobile phone number starts with 1. Please check it and enter it again.</translation>
    </message>
    <message>
        <location filename="../parts/form.py" line="46"/>
        <source>这不是手机号码：手机号码以 13 到 19 开头。请检查后重新输入。</source>
        <translation>This is not a mobile phone number: mobile numbers start with 13 to 19. Please check it and enter it again.</translation>
    </message>
    <message>
        <location filename="../parts/form.py" line="48"/>
        <source>请点选其中一项。</source>
        <translation>Please touch one of the choices.</translation>
    </message>
    <message>
        <location filename="../parts/form.py" line="49"/>
        <source>还没有照片，请点“拍照”。</source>
        <translation>There is no photo yet. Please touch “Take a photo”.</translation>
    </message>
    <message>
        <location filename="../parts/form.py" line="50"/>
        <source>已换成新照片。满意请点“用这张照片”。</source>
        <translation>The new photo is in place. If you are happy with it, touch “Use this photo”.</translation>
    </message>
    <message>
        <location filename="../parts/form.py" line="51"/>
        <source>新照片与身份证照片不一致，仍用原来的照片。</source>
        <translation>The new photo does not match your ID card photo, so the earlier photo is kept.</translation>
    </message>
    <message>
        <location filename="../parts/form.py" line="52"/>
        <source>现在无法核验新照片，仍用原来的照片。</source>
        <translation>The new photo cannot be checked now, so the earlier photo is kept.</translation>
    </message>
    <message>
        <location filename="../parts/form.py" line="53"/>
        <source>没有拍到合格的照片，仍用原来的照片。</source>
        <translation>No usable photo was taken, so the earlier photo is kept.</translation>
    </message>
    <message>
        <location filename="../parts/form.py" line="54"/>
        <source>已经重拍了 %1 次，不能再拍了。</source>
        <translation>You have taken %1 new photos. No more can be taken.</translation>
    </message>
    <message>
        <location filename="../parts/payment.py" line="46"/>
        <source>您名下没有需要缴纳的车船税</source>
        <translation>There is no vehicle and vessel tax to pay in your name</translation>
    </message>
    <message>
        <location filename="../parts/payment.py" line="47"/>
        <source>已取消支付，没有扣款。</source>
        <translation>Payment cancelled. No money was taken.</translation>
    </message>
    <message>
        <location filename="../parts/payment.py" line="48"/>
        <source>网络不稳定，正在重试…</source>
        <translation>The network is unstable. Trying again…</translation>
    </message>
    <message>
        <location filename="../parts/payment.py" line="49"/>
        <source>缴费成功</source>
        <translation>Payment successful</translation>
    </message>
    <message>
        <location filename="../parts/payment.py" line="50"/>
        <source>请在下方出纸口取走缴费凭条。</source>
        <translation>Please take your payment receipt from the tray below.</translation>
    </message>
    <message>
        <location filename="../parts/payment.py" line="51"/>
        <source>凭条没有打印出来，缴费已成功，可到窗口补打</source>
        <translation>The receipt did not print, but your payment went through. You can get a copy at a service counter.</translation>
    </message>
    <message>
        <location filename="../parts/payment.py" line="52"/>
        <source>支付已超时，没有扣款，请重新办理</source>
        <translation>The time for paying ran out. No money was taken. Please start again.</translation>
    </message>
    <message>
        <location filename="../parts/payment.py" line="53"/>
        <source>支付没有成功。请重新支付，或到窗口办理。</source>
        <translation>The payment did not go through. Please pay again, or go to a service counter.</translation>
    </message>
    <message>
        <location filename="../parts/payment.py" line="54"/>
        <source>请到窗口核实缴费结果</source>
        <translation>Please check your payment at a service counter</translation>
    </message>
    <message>
        <location filename="../parts/payment.py" line="56"/>
        <source>暂时查不到这笔支付的结果。请记下订单号，到窗口核实，不要重复缴费。</source>
        <translation>We cannot tell right now whether this payment went through. Please write down the order number and check at a service counter. Do not pay again.</translation>
    </message>
    <message>
        <location filename="../parts/payment.py" line="59"/>
        <source>暂时无法生成支付二维码，没有扣款。请稍后再试，或到窗口办理。</source>
        <translation>The payment QR code cannot be made right now. No money was taken. Try again later, or go to a service counter.</translation>
    </message>
    <message>
        <location filename="../parts/payment.py" line="61"/>
        <source>这辆车的车船税已经缴纳，不需要再缴。</source>
        <translation>The tax for this vehicle has already been paid. You do not need to pay again.</translation>
    </message>
</context>
<context>
    <name>NavBar</name>
    <message>
        <location filename="../qml/NavBar.qml" line="26"/>
        <source>返回</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../qml/NavBar.qml" line="33"/>
        <source>结束办理</source>
        <translation>Finish</translation>
    </message>
</context>
<context>
    <name>OpeningScreen</name>
    <message>
        <location filename="../qml/OpeningScreen.qml" line="11"/>
        <source>您好，%1</source>
        <translation>Hello, %1</translation>
    </message>
    <message>
        <location filename="../qml/OpeningScreen.qml" line="17"/>
        <source>正在核对取件码并打开柜门，请稍候…</source>
        <translation>Checking your code and opening the door…</translation>
    </message>
</context>
<context>
    <name>PayItemsScreen</name>
    <message>
        <location filename="../qml/PayItemsScreen.qml" line="22"/>
        <source>请选择要缴纳车船税的车辆</source>
        <translation>Choose the vehicle to pay the tax for</translation>
    </message>
    <message>
        <location filename="../qml/PayItemsScreen.qml" line="23"/>
        <source>选好后用手机扫码支付</source>
        <translation>Then pay by scanning a code with your phone</translation>
    </message>
    <message>
        <location filename="../qml/PayItemsScreen.qml" line="44"/>
        <source>正在查询您名下的车辆，请稍候…</source>
        <translation>Looking up the vehicles in your name, please wait…</translation>
    </message>
    <message>
        <location filename="../qml/PayItemsScreen.qml" line="86"/>
        <source>%1 · %2 年度</source>
        <translation>%1 · tax year %2</translation>
    </message>
    <message>
        <location filename="../qml/PayItemsScreen.qml" line="106"/>
        <source>去缴费</source>
        <translation>Pay</translation>
    </message>
    <message>
        <location filename="../qml/PayItemsScreen.qml" line="106"/>
        <source>已缴纳</source>
        <translation>Paid</translation>
    </message>
    <message>
        <location filename="../qml/PayItemsScreen.qml" line="127"/>
        <source>上一页</source>
        <translation>Previous</translation>
    </message>
    <message>
        <location filename="../qml/PayItemsScreen.qml" line="132"/>
        <source>第 %1 / %2 页</source>
        <translation>Page %1 of %2</translation>
    </message>
    <message>
        <location filename="../qml/PayItemsScreen.qml" line="140"/>
        <source>下一页</source>
        <translation>Next</translation>
    </message>
</context>
<context>
    <name>PayResultScreen</name>
    <message>
        <location filename="../qml/PayResultScreen.qml" line="39"/>
        <source>%1 已缴纳 %2</source>
        <translation>%1: %2 paid</translation>
    </message>
    <message>
        <location filename="../qml/PayResultScreen.qml" line="46"/>
        <source>订单号：%1</source>
        <translation>Order number: %1</translation>
    </message>
    <message>
        <location filename="../qml/PayResultScreen.qml" line="60"/>
        <source>请记得取回您的身份证。</source>
        <translation>Remember to take your ID card.</translation>
    </message>
    <message>
        <location filename="../qml/PayResultScreen.qml" line="70"/>
        <source>重新支付</source>
        <translation>Pay again</translation>
    </message>
    <message>
        <location filename="../qml/PayResultScreen.qml" line="77"/>
        <source>缴纳下一辆车</source>
        <translation>Pay for another vehicle</translation>
    </message>
</context>
<context>
    <name>PayingScreen</name>
    <message>
        <location filename="../qml/PayingScreen.qml" line="37"/>
        <source>正在生成支付二维码…</source>
        <translation>Making the payment QR code…</translation>
    </message>
    <message>
        <location filename="../qml/PayingScreen.qml" line="50"/>
        <source>请用手机银联云闪付、支付宝或微信扫码支付</source>
        <translation>Scan the code with UnionPay QuickPass, Alipay or WeChat on your phone to pay</translation>
    </message>
    <message>
        <location filename="../qml/PayingScreen.qml" line="56"/>
        <source>应缴金额</source>
        <translation>Amount due</translation>
    </message>
    <message>
        <location filename="../qml/PayingScreen.qml" line="69"/>
        <source>%1 · %2 · %3 年度</source>
        <translation>%1 · %2 · tax year %3</translation>
    </message>
    <message>
        <location filename="../qml/PayingScreen.qml" line="76"/>
        <source>正在确认支付结果，请稍候…</source>
        <translation>Checking your payment, please wait…</translation>
    </message>
    <message>
        <location filename="../qml/PayingScreen.qml" line="78"/>
        <source>剩余 %1 分 %2 秒，请扫码完成支付</source>
        <translation>%1 min %2 s left: scan the code to pay</translation>
    </message>
    <message>
        <location filename="../qml/PayingScreen.qml" line="79"/>
        <source>剩余 %1 秒，请扫码完成支付</source>
        <translation>%1 s left: scan the code to pay</translation>
    </message>
    <message>
        <location filename="../qml/PayingScreen.qml" line="91"/>
        <source>支付完成后请稍候，本机会自动打印缴费凭条。</source>
        <translation>After paying, please wait: the terminal will print your receipt by itself.</translation>
    </message>
    <message>
        <location filename="../qml/PayingScreen.qml" line="100"/>
        <source>取消支付</source>
        <translation>Cancel payment</translation>
    </message>
</context>
<context>
    <name>PhoneField</name>
    <message>
        <location filename="../qml/PhoneField.qml" line="42"/>
        <source>确定</source>
        <translation>OK</translation>
    </message>
</context>
<context>
    <name>PhotoField</name>
    <message>
        <location filename="../qml/PhotoField.qml" line="38"/>
        <source>请正对摄像头</source>
        <translation>Look straight at the camera</translation>
    </message>
    <message>
        <location filename="../qml/PhotoField.qml" line="39"/>
        <source>还没有照片</source>
        <translation>No photo yet</translation>
    </message>
    <message>
        <location filename="../qml/PhotoField.qml" line="59"/>
        <source>用这张照片</source>
        <translation>Use this photo</translation>
    </message>
    <message>
        <location filename="../qml/PhotoField.qml" line="67"/>
        <source>重新拍照</source>
        <translation>Take another photo</translation>
    </message>
    <message>
        <location filename="../qml/PhotoField.qml" line="67"/>
        <source>拍照</source>
        <translation>Take a photo</translation>
    </message>
    <message>
        <location filename="../qml/PhotoField.qml" line="68"/>
        <source>请正对上方的摄像头</source>
        <translation>Look straight at the camera above</translation>
    </message>
    <message>
        <location filename="../qml/PhotoField.qml" line="76"/>
        <source>不拍了，用原来的照片</source>
        <translation>Stop and keep the earlier photo</translation>
    </message>
</context>
<context>
    <name>PickupCodeScreen</name>
    <message>
        <location filename="../qml/PickupCodeScreen.qml" line="13"/>
        <source>请输入取件码</source>
        <translation>Enter your pickup code</translation>
    </message>
    <message>
        <location filename="../qml/PickupCodeScreen.qml" line="14"/>
        <source>取件码在办好证件时收到的短信里，是 6 位数字。输入后请按“确定”，再放身份证。</source>
        <translation>The 6-digit code is in the text message you got when your documents were ready. Press “OK”, then place your ID card.</translation>
    </message>
</context>
<context>
    <name>PickupResultScreen</name>
    <message>
        <location filename="../qml/PickupResultScreen.qml" line="20"/>
        <source>%1 号柜门已打开</source>
        <translation>Door %1 is open</translation>
    </message>
    <message>
        <location filename="../qml/PickupResultScreen.qml" line="34"/>
        <source>请记得取回您的身份证。</source>
        <translation>Remember to take your ID card.</translation>
    </message>
    <message>
        <location filename="../qml/PickupResultScreen.qml" line="43"/>
        <source>重新输入取件码</source>
        <translation>Enter the code again</translation>
    </message>
</context>
<context>
    <name>PrintedScreen</name>
    <message>
        <location filename="../qml/PrintedScreen.qml" line="17"/>
        <source>《%1》已打印</source>
        <translation>%1 printed</translation>
    </message>
    <message>
        <location filename="../qml/PrintedScreen.qml" line="31"/>
        <source>请记得取回您的身份证。</source>
        <translation>Remember to take your ID card.</translation>
    </message>
</context>
<context>
    <name>PrintingScreen</name>
    <message>
        <location filename="../qml/PrintingScreen.qml" line="12"/>
        <source>您好，%1</source>
        <translation>Hello, %1</translation>
    </message>
    <message>
        <location filename="../qml/PrintingScreen.qml" line="18"/>
        <source>正在为您查询并打印《%1》，请稍候…</source>
        <translation>Fetching and printing your %1…</translation>
    </message>
    <message>
        <location filename="../qml/PrintingScreen.qml" line="23"/>
        <source>打印一般需要半分钟，请不要离开。不想等了，可以按“结束办理”。</source>
        <translation>Printing usually takes half a minute; please stay. If you do not want to wait, press “Finish”.</translation>
    </message>
</context>
<context>
    <name>QrPicture</name>
    <message>
        <location filename="../qml/QrPicture.qml" line="23"/>
        <source>摄像头</source>
        <translation>Camera</translation>
    </message>
</context>
<context>
    <name>QueryingScreen</name>
    <message>
        <location filename="../qml/QueryingScreen.qml" line="11"/>
        <source>您好，%1</source>
        <translation>Hello, %1</translation>
    </message>
    <message>
        <location filename="../qml/QueryingScreen.qml" line="17"/>
        <source>正在查询，请稍候…</source>
        <translation>Looking up your records…</translation>
    </message>
</context>
<context>
    <name>RatingReasonScreen</name>
    <message>
        <location filename="../qml/RatingReasonScreen.qml" line="6"/>
        <source>等候时间太长</source>
        <translation>I waited too long</translation>
    </message>
    <message>
        <location filename="../qml/RatingReasonScreen.qml" line="6"/>
        <source>机器操作太复杂</source>
        <translation>The machine is hard to use</translation>
    </message>
    <message>
        <location filename="../qml/RatingReasonScreen.qml" line="7"/>
        <source>设备出了故障</source>
        <translation>A device did not work</translation>
    </message>
    <message>
        <location filename="../qml/RatingReasonScreen.qml" line="7"/>
        <source>办事指引说得不清楚</source>
        <translation>The guidance was unclear</translation>
    </message>
    <message>
        <location filename="../qml/RatingReasonScreen.qml" line="8"/>
        <source>工作人员服务态度</source>
        <translation>Staff attitude</translation>
    </message>
    <message>
        <location filename="../qml/RatingReasonScreen.qml" line="8"/>
        <source>其他原因</source>
        <translation>Something else</translation>
    </message>
    <message>
        <location filename="../qml/RatingReasonScreen.qml" line="17"/>
        <source>请告诉我们哪里做得不好</source>
        <translation>Please tell us what went wrong</translation>
    </message>
    <message>
        <location filename="../qml/RatingReasonScreen.qml" line="18"/>
        <source>选一项最主要的原因，我们会认真改进。</source>
        <translation>Choose the main reason. We will work on it.</translation>
    </message>
</context>
<context>
    <name>RatingScreen</name>
    <message>
        <location filename="../qml/RatingScreen.qml" line="8"/>
        <source>非常满意</source>
        <translation>Very satisfied</translation>
    </message>
    <message>
        <location filename="../qml/RatingScreen.qml" line="8"/>
        <source>满意</source>
        <translation>Satisfied</translation>
    </message>
    <message>
        <location filename="../qml/RatingScreen.qml" line="9"/>
        <source>基本满意</source>
        <translation>Fairly satisfied</translation>
    </message>
    <message>
        <location filename="../qml/RatingScreen.qml" line="9"/>
        <source>不满意</source>
        <translation>Dissatisfied</translation>
    </message>
    <message>
        <location filename="../qml/RatingScreen.qml" line="10"/>
        <source>非常不满意</source>
        <translation>Very dissatisfied</translation>
    </message>
    <message>
        <location filename="../qml/RatingScreen.qml" line="19"/>
        <source>请对本次服务进行评价</source>
        <translation>How was our service today?</translation>
    </message>
    <message>
        <location filename="../qml/RatingScreen.qml" line="20"/>
        <source>您的评价帮助我们改进服务</source>
        <translation>Your rating helps us improve</translation>
    </message>
</context>
<context>
    <name>ResultsScreen</name>
    <message>
        <location filename="../qml/ResultsScreen.qml" line="17"/>
        <source>共 %1 条记录</source>
        <translation>%1 records</translation>
    </message>
    <message>
        <location filename="../qml/ResultsScreen.qml" line="18"/>
        <source>暂时查不到（网络或系统原因）。请稍后再试，或到窗口办理。</source>
        <translation>Your records cannot be looked up right now (network or system). Try again later, or go to a service counter.</translation>
    </message>
    <message>
        <location filename="../qml/ResultsScreen.qml" line="60"/>
        <source>没有查到记录。</source>
        <translation>No records found.</translation>
    </message>
    <message>
        <location filename="../qml/ResultsScreen.qml" line="72"/>
        <source>上一页</source>
        <translation>Previous</translation>
    </message>
    <message>
        <location filename="../qml/ResultsScreen.qml" line="78"/>
        <source>第 %1 / %2 页</source>
        <translation>Page %1 of %2</translation>
    </message>
    <message>
        <location filename="../qml/ResultsScreen.qml" line="86"/>
        <source>下一页</source>
        <translation>Next</translation>
    </message>
    <message>
        <location filename="../qml/ResultsScreen.qml" line="100"/>
        <source>打印查询结果</source>
        <translation>Print the results</translation>
    </message>
</context>
<context>
    <name>ScreenTitle</name>
    <message>
        <location filename="../qml/ScreenTitle.qml" line="10"/>
        <source>%1。%2</source>
        <translation>%1. %2</translation>
    </message>
</context>
<context>
    <name>SsCardPicture</name>
    <message>
        <location filename="../qml/SsCardPicture.qml" line="19"/>
        <source>社保卡</source>
        <translation>Social
security
card</translation>
    </message>
    <message>
        <location filename="../qml/SsCardPicture.qml" line="53"/>
        <source>读卡口</source>
        <translation>Card slot</translation>
    </message>
</context>
<context>
    <name>SubmittedScreen</name>
    <message>
        <location filename="../qml/SubmittedScreen.qml" line="17"/>
        <source>%1 已受理</source>
        <translation>%1: received</translation>
    </message>
    <message>
        <location filename="../qml/SubmittedScreen.qml" line="18"/>
        <source>没有登记成功，请到窗口办理。</source>
        <translation>It could not be recorded. Please go to a service counter.</translation>
    </message>
    <message>
        <location filename="../qml/SubmittedScreen.qml" line="35"/>
        <source>受理编号：%1</source>
        <translation>Reference: %1</translation>
    </message>
    <message>
        <location filename="../qml/SubmittedScreen.qml" line="44"/>
        <source>请取走受理回执</source>
        <translation>Please take your receipt</translation>
    </message>
    <message>
        <location filename="../qml/SubmittedScreen.qml" line="50"/>
        <source>请记得取回您的身份证。</source>
        <translation>Remember to take your ID card.</translation>
    </message>
</context>
<context>
    <name>TakeCardReminder</name>
    <message>
        <location filename="../qml/TakeCardReminder.qml" line="48"/>
        <source>再说一遍</source>
        <translation>Say it again</translation>
    </message>
    <message>
        <location filename="../qml/TakeCardReminder.qml" line="48"/>
        <source>我已取走</source>
        <translation>I have taken it</translation>
    </message>
</context>
<context>
    <name>Tech</name>
    <message>
        <location filename="../parts/technician.py" line="39"/>
        <source>设备维修中</source>
        <translation>Under maintenance</translation>
    </message>
    <message>
        <location filename="../parts/technician.py" line="39"/>
        <source>更换耗材中</source>
        <translation>Replacing supplies</translation>
    </message>
    <message>
        <location filename="../parts/technician.py" line="40"/>
        <source>网络故障</source>
        <translation>Network failure</translation>
    </message>
    <message>
        <location filename="../parts/technician.py" line="43"/>
        <source>密码错误，还可以再试 %1 次</source>
        <translation>Wrong PIN, %1 attempts left</translation>
    </message>
    <message>
        <location filename="../parts/technician.py" line="44"/>
        <source>错误次数过多，请 %1 秒后再试</source>
        <translation>Too many wrong PINs: try again in %1 s</translation>
    </message>
    <message>
        <location filename="../parts/technician.py" line="45"/>
        <source>本机尚未收到技术员密码（需先与大厅同步）</source>
        <translation>No technician PIN received yet (sync with the hall first)</translation>
    </message>
    <message>
        <location filename="../parts/technician.py" line="46"/>
        <source>正在验证…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <location filename="../parts/technician.py" line="47"/>
        <source>诊断包已写入：%1</source>
        <translation>Diagnostics bundle written: %1</translation>
    </message>
    <message>
        <location filename="../parts/technician.py" line="48"/>
        <source>没有找到U盘，请插入U盘或保存到本机</source>
        <translation>No USB stick found: insert one or save on this terminal</translation>
    </message>
    <message>
        <location filename="../parts/technician.py" line="49"/>
        <source>操作失败：%1</source>
        <translation>Failed: %1</translation>
    </message>
    <message>
        <location filename="../parts/technician.py" line="50"/>
        <source>已重新发送，下次同步时送达大厅</source>
        <translation>Queued again: it goes to the hall at the next sync</translation>
    </message>
    <message>
        <location filename="../parts/technician.py" line="51"/>
        <source>已导出：%1</source>
        <translation>Exported: %1</translation>
    </message>
    <message>
        <location filename="../parts/technician.py" line="52"/>
        <source>计数已清零</source>
        <translation>Counters reset</translation>
    </message>
    <message>
        <location filename="../parts/technician.py" line="53"/>
        <source>已开始同步</source>
        <translation>Sync started</translation>
    </message>
    <message>
        <location filename="../parts/technician.py" line="54"/>
        <source>正在重启应用…</source>
        <translation>Restarting the app…</translation>
    </message>
    <message>
        <location filename="../parts/technician.py" line="55"/>
        <source>诊断包（%1 KB）已排队上传大厅，同步时送达</source>
        <translation>Diagnostics bundle (%1 KB) queued for the hall; it is delivered at the next sync</translation>
    </message>
    <message>
        <location filename="../parts/technician.py" line="56"/>
        <source>本机未配置大厅，请导出到U盘</source>
        <translation>No hall is configured on this terminal: export to a USB stick</translation>
    </message>
</context>
<context>
    <name>TechActions</name>
    <message>
        <location filename="../qml/TechActions.qml" line="13"/>
        <source>已暂停服务：%1</source>
        <translation>Out of service: %1</translation>
    </message>
    <message>
        <location filename="../qml/TechActions.qml" line="14"/>
        <source>服务中</source>
        <translation>In service</translation>
    </message>
    <message>
        <location filename="../qml/TechActions.qml" line="22"/>
        <source>暂停服务，原因：</source>
        <translation>Take out of service, reason:</translation>
    </message>
    <message>
        <location filename="../qml/TechActions.qml" line="33"/>
        <source>恢复服务</source>
        <translation>Back in service</translation>
    </message>
    <message>
        <location filename="../qml/TechActions.qml" line="37"/>
        <source>清零使用计数</source>
        <translation>Reset usage counters</translation>
    </message>
    <message>
        <location filename="../qml/TechActions.qml" line="51"/>
        <source>确定清零 %1 的计数？清零后不能恢复。</source>
        <translation>Reset the counters of %1? They cannot be restored.</translation>
    </message>
    <message>
        <location filename="../qml/TechActions.qml" line="54"/>
        <source>确定清零</source>
        <translation>Reset</translation>
    </message>
    <message>
        <location filename="../qml/TechActions.qml" line="56"/>
        <location filename="../qml/TechActions.qml" line="85"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../qml/TechActions.qml" line="60"/>
        <source>诊断包（设备报告、计数、同步状态、日志、配置、版本）</source>
        <translation>Diagnostics bundle (devices, counters, sync, logs, config, versions)</translation>
    </message>
    <message>
        <location filename="../qml/TechActions.qml" line="64"/>
        <source>导出到U盘</source>
        <translation>To USB stick</translation>
    </message>
    <message>
        <location filename="../qml/TechActions.qml" line="65"/>
        <source>保存到本机</source>
        <translation>Save on this terminal</translation>
    </message>
    <message>
        <location filename="../qml/TechActions.qml" line="66"/>
        <source>上传到大厅</source>
        <translation>Upload to the hall</translation>
    </message>
    <message>
        <location filename="../qml/TechActions.qml" line="69"/>
        <source>重启应用（关闭设备与数据库后重新启动，已办理的业务不会丢失）</source>
        <translation>Restart the app (devices and database are closed first; nothing citizens did is lost)</translation>
    </message>
    <message>
        <location filename="../qml/TechActions.qml" line="73"/>
        <source>重启应用</source>
        <translation>Restart app</translation>
    </message>
    <message>
        <location filename="../qml/TechActions.qml" line="79"/>
        <source>确定重启应用？约需十几秒，期间暂停服务。</source>
        <translation>Restart the app? It takes about 10–20 seconds; service pauses meanwhile.</translation>
    </message>
    <message>
        <location filename="../qml/TechActions.qml" line="82"/>
        <source>确定重启</source>
        <translation>Restart</translation>
    </message>
</context>
<context>
    <name>TechDevices</name>
    <message>
        <location filename="../qml/TechDevices.qml" line="46"/>
        <source>柜门号</source>
        <translation>Door</translation>
    </message>
    <message>
        <location filename="../qml/TechDevices.qml" line="75"/>
        <source>内部检测</source>
        <translation>Internal check</translation>
    </message>
    <message>
        <location filename="../qml/TechDevices.qml" line="76"/>
        <source>外部检测</source>
        <translation>External check</translation>
    </message>
    <message>
        <location filename="../qml/TechDevices.qml" line="76"/>
        <source>交互检测</source>
        <translation>Interactive check</translation>
    </message>
    <message>
        <location filename="../qml/TechDevices.qml" line="97"/>
        <source>实时预览</source>
        <translation>Live preview</translation>
    </message>
    <message>
        <location filename="../qml/TechDevices.qml" line="99"/>
        <source>停止预览</source>
        <translation>Stop preview</translation>
    </message>
    <message>
        <location filename="../qml/TechDevices.qml" line="116"/>
        <source>正在打开摄像头…</source>
        <translation>Opening the camera…</translation>
    </message>
    <message>
        <location filename="../qml/TechDevices.qml" line="127"/>
        <source>人脸合格</source>
        <translation>Face passes the quality check</translation>
    </message>
    <message>
        <location filename="../qml/TechDevices.qml" line="148"/>
        <source>正在检测… 已用 %1 秒</source>
        <translation>Checking… %1 s</translation>
    </message>
    <message>
        <location filename="../qml/TechDevices.qml" line="153"/>
        <source>取消检测</source>
        <translation>Cancel check</translation>
    </message>
    <message>
        <location filename="../qml/TechDevices.qml" line="177"/>
        <source>建议：</source>
        <translation>Do this: </translation>
    </message>
</context>
<context>
    <name>TechLogs</name>
    <message>
        <location filename="../qml/TechLogs.qml" line="8"/>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../qml/TechLogs.qml" line="16"/>
        <source>导出到U盘</source>
        <translation>To USB stick</translation>
    </message>
    <message>
        <location filename="../qml/TechLogs.qml" line="17"/>
        <source>保存到本机</source>
        <translation>Save on this terminal</translation>
    </message>
</context>
<context>
    <name>TechNetwork</name>
    <message>
        <location filename="../qml/TechNetwork.qml" line="12"/>
        <source>大厅连接</source>
        <translation>Hall</translation>
    </message>
    <message>
        <location filename="../qml/TechNetwork.qml" line="12"/>
        <source>可连接</source>
        <translation>reachable</translation>
    </message>
    <message>
        <location filename="../qml/TechNetwork.qml" line="13"/>
        <source>连接不上</source>
        <translation>not reachable</translation>
    </message>
    <message>
        <location filename="../qml/TechNetwork.qml" line="14"/>
        <source>上次成功</source>
        <translation>Last success</translation>
    </message>
    <message>
        <location filename="../qml/TechNetwork.qml" line="14"/>
        <source>从未</source>
        <translation>never</translation>
    </message>
    <message>
        <location filename="../qml/TechNetwork.qml" line="15"/>
        <source>上次错误</source>
        <translation>Last error</translation>
    </message>
    <message>
        <location filename="../qml/TechNetwork.qml" line="16"/>
        <source>待上传</source>
        <translation>Outbox</translation>
    </message>
    <message>
        <location filename="../qml/TechNetwork.qml" line="16"/>
        <source>最早的已等 %1</source>
        <translation>oldest waiting %1</translation>
    </message>
    <message>
        <location filename="../qml/TechNetwork.qml" line="17"/>
        <location filename="../qml/TechNetwork.qml" line="41"/>
        <source>事项目录</source>
        <translation>Catalog</translation>
    </message>
    <message>
        <location filename="../qml/TechNetwork.qml" line="18"/>
        <source>大厅签名</source>
        <translation>Hall signature</translation>
    </message>
    <message>
        <location filename="../qml/TechNetwork.qml" line="18"/>
        <source>不校验（未配置大厅公钥）</source>
        <translation>Not checked (no hall public key configured)</translation>
    </message>
    <message>
        <location filename="../qml/TechNetwork.qml" line="19"/>
        <source>无法校验，大厅下发的一律不用：%1</source>
        <translation>Cannot check: nothing from the hall is used: %1</translation>
    </message>
    <message>
        <location filename="../qml/TechNetwork.qml" line="20"/>
        <source>已校验（密钥 %1）</source>
        <translation>Checked (key %1)</translation>
    </message>
    <message>
        <location filename="../qml/TechNetwork.qml" line="21"/>
        <source>软件版本</source>
        <translation>Version</translation>
    </message>
    <message>
        <location filename="../qml/TechNetwork.qml" line="24"/>
        <source>%1：%2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../qml/TechNetwork.qml" line="35"/>
        <source>已拒收%1（%2，自 %3 起）：签名不符，仍用上次的</source>
        <translation>Refused the %1 (%2, since %3): the signature does not match; the last good one stays in use</translation>
    </message>
    <message>
        <location filename="../qml/TechNetwork.qml" line="41"/>
        <source>终端配置</source>
        <translation>terminal configuration</translation>
    </message>
    <message>
        <location filename="../qml/TechNetwork.qml" line="42"/>
        <source>柜门分配</source>
        <translation>locker assignments</translation>
    </message>
    <message>
        <location filename="../qml/TechNetwork.qml" line="46"/>
        <source>立即同步</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <location filename="../qml/TechNetwork.qml" line="47"/>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../qml/TechNetwork.qml" line="48"/>
        <source>导出隔离记录</source>
        <translation>Export quarantined</translation>
    </message>
    <message>
        <location filename="../qml/TechNetwork.qml" line="53"/>
        <source>隔离的记录（大厅拒收或无法发送）：%1 条</source>
        <translation>Quarantined rows (rejected by the hall or unsendable): %1</translation>
    </message>
    <message>
        <location filename="../qml/TechNetwork.qml" line="72"/>
        <source>重新发送</source>
        <translation>Send again</translation>
    </message>
</context>
<context>
    <name>TechOverview</name>
    <message>
        <location filename="../qml/TechOverview.qml" line="53"/>
        <source>计数：</source>
        <translation>Counters: </translation>
    </message>
    <message>
        <location filename="../qml/TechOverview.qml" line="54"/>
        <source>清零于 %1</source>
        <translation>reset %1</translation>
    </message>
</context>
<context>
    <name>TechScreen</name>
    <message>
        <location filename="../qml/TechScreen.qml" line="21"/>
        <source>技术员登录</source>
        <translation>Technician login</translation>
    </message>
    <message>
        <location filename="../qml/TechScreen.qml" line="26"/>
        <source>请输入技术员密码</source>
        <translation>Enter the technician PIN</translation>
    </message>
    <message>
        <location filename="../qml/TechScreen.qml" line="35"/>
        <source>登录</source>
        <translation>Log in</translation>
    </message>
    <message>
        <location filename="../qml/TechScreen.qml" line="47"/>
        <location filename="../qml/TechScreen.qml" line="72"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../qml/TechScreen.qml" line="60"/>
        <source>等待当前市民办理结束后进入技术员模式</source>
        <translation>Technician mode starts when the current citizen is done</translation>
    </message>
    <message>
        <location filename="../qml/TechScreen.qml" line="65"/>
        <source>市民办理结束或超时后自动进入；新的市民不能开始办理。</source>
        <translation>It starts by itself when the session ends or times out; no new citizen can start.</translation>
    </message>
    <message>
        <location filename="../qml/TechScreen.qml" line="91"/>
        <source>技术员模式</source>
        <translation>Technician mode</translation>
    </message>
    <message>
        <location filename="../qml/TechScreen.qml" line="101"/>
        <source>无操作 %1 秒后自动退出</source>
        <translation>Exits after %1 s without a touch</translation>
    </message>
    <message>
        <location filename="../qml/TechScreen.qml" line="111"/>
        <source>退出技术员模式</source>
        <translation>Exit technician mode</translation>
    </message>
    <message>
        <location filename="../qml/TechScreen.qml" line="123"/>
        <source>总览</source>
        <translation>Overview</translation>
    </message>
    <message>
        <location filename="../qml/TechScreen.qml" line="123"/>
        <source>设备检测</source>
        <translation>Devices</translation>
    </message>
    <message>
        <location filename="../qml/TechScreen.qml" line="124"/>
        <source>网络与同步</source>
        <translation>Network &amp; sync</translation>
    </message>
    <message>
        <location filename="../qml/TechScreen.qml" line="124"/>
        <source>日志</source>
        <translation>Logs</translation>
    </message>
    <message>
        <location filename="../qml/TechScreen.qml" line="125"/>
        <source>操作</source>
        <translation>Actions</translation>
    </message>
</context>
<context>
    <name>TicketScreen</name>
    <message>
        <location filename="../qml/TicketScreen.qml" line="20"/>
        <source>您的号码</source>
        <translation>Your number</translation>
    </message>
    <message>
        <location filename="../qml/TicketScreen.qml" line="41"/>
        <source>预约号</source>
        <translation>Appointment</translation>
    </message>
    <message>
        <location filename="../qml/TicketScreen.qml" line="52"/>
        <source>前面还有 %1 人等候</source>
        <translation>%1 people ahead of you</translation>
    </message>
    <message>
        <location filename="../qml/TicketScreen.qml" line="53"/>
        <source>等候人数请看叫号屏</source>
        <translation>See the display for how many are waiting</translation>
    </message>
    <message>
        <location filename="../qml/TicketScreen.qml" line="61"/>
        <source>请取走凭条</source>
        <translation>Please take your ticket</translation>
    </message>
    <message>
        <location filename="../qml/TicketScreen.qml" line="75"/>
        <source>请留意叫号屏和广播。如使用了身份证，请记得取回。</source>
        <translation>Watch the display and listen for your number. If you used your ID card, remember to take it.</translation>
    </message>
</context>
<context>
    <name>TimeoutDialog</name>
    <message>
        <location filename="../qml/TimeoutDialog.qml" line="34"/>
        <source>继续办理</source>
        <translation>Continue</translation>
    </message>
</context>
</TS>
