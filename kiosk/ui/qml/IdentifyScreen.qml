// Who is the citizen: one tab per way the service accepts (ID card, social security card,
// a QR code on the phone), the first one waiting at once; for services that compare the
// face with the ID card, a second step in front of the camera. Shows what went wrong and
// what to do, and (when identification is optional) the way to skip it.
// All state is the ``ident`` part's (kiosk/ui/parts/identify.py).
import QtQuick

Item {
    id: screen
    readonly property string method: ident.method
    readonly property string step: ident.step
    readonly property bool faceStep: ident.faceStep

    function methodName(code) {
        return code === "id_card" ? qsTr("身份证") : code === "ss_card" ? qsTr("社保卡")
             : code === "qr" ? qsTr("扫二维码") : ""
    }
    function title() {
        if (step === "verifying") return qsTr("正在核验，请稍候")
        if (step === "refused")
            return ident.noticeCode === "verify_no_match" ? qsTr("人脸核验没有通过")
                                                          : qsTr("现在不能进行人脸核验")
        if (ident.methodDown)
            return ident.alternatives ? qsTr("请改用上面的其他方式")
                 : ident.optional ? qsTr("可以不核验身份，直接办理")
                 : qsTr("现在无法核验身份，请到窗口办理")
        if (faceStep) return qsTr("请正对摄像头，进行人脸核验")
        if (method === "ss_card") return qsTr("请把社保卡插入读卡口")
        if (method === "qr") return qsTr("请出示手机上的二维码")
        return qsTr("请将身份证放在感应区")
    }
    function hint() {
        if (step === "verifying") return qsTr("正在把您的照片与身份证照片比对。")
        if (step === "refused" || ident.methodDown) return ""
        if (faceStep) return qsTr("请摘下帽子、口罩和墨镜，看着摄像头，按提示调整。")
        if (method === "ss_card") return qsTr("芯片朝里、正面朝上插到底，读完前不要拔出。")
        if (method === "qr") return qsTr("打开手机上的电子证照或预约二维码，对准摄像头。")
        return qsTr("感应区在屏幕下方，标有身份证图案。放好后请不要移动。")
    }
    function waitingText() {
        if (step === "verifying") return qsTr("正在核验…")
        if (method === "qr") return qsTr("正在等待扫码…")
        return qsTr("正在等待读卡…")
    }
    function retryLabel() {
        if (faceStep) return qsTr("再试一次")
        if (method === "qr") return qsTr("重新扫码")
        return qsTr("重新读卡")
    }

    Row {
        anchors { left: parent.left; right: parent.right; top: parent.top; margins: 64 }
        spacing: 64

        Column {
            id: left
            width: parent.width * 0.58
            spacing: theme.spacing

            // The ways to identify, when there is a choice.
            Row {
                id: tabs
                objectName: "identifyMethods"
                visible: ident.methods.length > 1 && !screen.faceStep
                width: parent.width
                spacing: 16
                Repeater {
                    model: ident.methods
                    BigButton {
                        objectName: "method_" + modelData.code
                        width: (tabs.width - tabs.spacing * (ident.methods.length - 1))
                               / ident.methods.length
                        centered: true
                        secondary: modelData.code !== screen.method
                        available: modelData.usable
                        reason: qsTr("设备故障")
                        label: (modelData.code === screen.method ? "✓ " : "")
                               + screen.methodName(modelData.code)
                        onClicked: ident.choose(modelData.code)
                    }
                }
            }
            // Services of several steps (the face compared too, a form after): which step
            // this is, counted as the form's questions count on (one counter).
            Text {
                objectName: "identifySteps"
                visible: ident.journeySteps > 1
                width: parent.width; wrapMode: Text.WordWrap
                text: qsTr("第 %1 步，共 %2 步").arg(ident.journeyStep).arg(ident.journeySteps)
                      + qsTr("：") + (screen.faceStep ? qsTr("人脸核验")
                                     : ident.verifyFace ? qsTr("刷身份证") : qsTr("核验身份"))
                color: theme.primary; font.pointSize: theme.bodySize; font.bold: true
            }
            Text {
                objectName: "identifyGreeting"
                visible: screen.faceStep && ident.greeting !== ""
                text: qsTr("您好，%1").arg(ident.greeting)
                color: theme.text; font.pointSize: theme.bodySize
            }
            ScreenTitle {
                width: parent.width
                text: screen.title()
                hint: screen.hint()
            }
            Row {
                spacing: 24
                visible: ident.busy && screen.step !== "face"
                Spinner { width: 64; height: 64 }
                Text {
                    objectName: "readingText"
                    anchors.verticalCenter: parent.verticalCenter
                    text: screen.waitingText()
                    color: theme.text; font.pointSize: theme.bodySize
                }
            }
            Text {
                id: identifyNotice
                objectName: "identifyNotice"
                width: parent.width
                visible: ident.notice !== ""
                text: "⚠ " + ident.notice
                wrapMode: Text.WordWrap
                color: theme.warning; font.pointSize: theme.bodySize; font.bold: true
            }
            BigButton {
                objectName: "retryCard"
                width: parent.width
                visible: ident.canRetry
                label: screen.retryLabel()
                onClicked: ident.retry()
            }
            BigButton {
                objectName: "goToCounter"
                width: parent.width
                visible: screen.step === "refused" && ident.noticeCode === "verify_no_match"
                secondary: true
                label: qsTr("到窗口办理")
                detail: qsTr("工作人员会帮您核验身份")
                onClicked: kiosk.finish()
            }
            BigButton {
                objectName: "identifyBack"
                width: parent.width
                visible: screen.step === "refused" && ident.noticeCode !== "verify_no_match"
                secondary: true
                label: "‹ " + qsTr("返回")
                onClicked: kiosk.back()
            }
            BigButton {
                objectName: "skipIdentity"
                width: parent.width
                visible: ident.optional && screen.step !== "done"
                secondary: true
                label: kiosk.serviceFlow === "ticket" ? qsTr("不刷身份证，直接取号")
                                                      : qsTr("不核验身份，直接办理")
                detail: kiosk.serviceFlow === "ticket" ? qsTr("咨询业务可以不刷身份证") : ""
                onClicked: ident.skip()
            }
        }

        // What to do, drawn: the card on the reader, the card into the slot, the phone
        // to the camera, the face in the frame.
        Item {
            width: parent.width * 0.32
            height: childrenRect.height
            opacity: ident.methodDown ? 0.3 : 1.0
            IdCardPicture {
                width: parent.width
                visible: !screen.faceStep && screen.method !== "ss_card" && screen.method !== "qr"
                running: visible && ident.busy
            }
            SsCardPicture {
                width: parent.width * 0.9
                anchors.horizontalCenter: parent.horizontalCenter
                visible: !screen.faceStep && screen.method === "ss_card"
                running: visible && ident.busy
            }
            QrPicture {
                width: parent.width * 0.9
                anchors.horizontalCenter: parent.horizontalCenter
                visible: !screen.faceStep && screen.method === "qr"
                running: visible && ident.busy
            }
            FaceGuide {
                width: parent.width * 0.9
                anchors.horizontalCenter: parent.horizontalCenter
                visible: screen.faceStep
                prompt: screen.step === "face" ? ident.guidance : ""
                passed: screen.step === "verifying"
                source: screen.step === "face" ? ident.previewSource : ""
            }
        }
    }
    NavBar { anchors { left: parent.left; right: parent.right; bottom: parent.bottom } }

    Spoken { texts: [identifyNotice] }
}
