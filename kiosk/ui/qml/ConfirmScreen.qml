// Applications (e.g. 社保卡挂失), the last step: who applies for what (and the form's
// answers), and one clear button.
// Nothing is submitted until the citizen confirms.
import QtQuick

Item {
    Column {
        anchors { horizontalCenter: parent.horizontalCenter; top: parent.top; topMargin: 64 }
        width: parent.width * 0.8
        spacing: theme.spacing * 1.5
        ScreenTitle {
            width: parent.width
            text: qsTr("请确认：%1").arg(apply.title)
            hint: apply.summary
        }
        Text {
            objectName: "applicant"
            width: parent.width; wrapMode: Text.WordWrap
            text: qsTr("申请人：%1").arg(apply.applicant)
            color: theme.text; font.pointSize: theme.bodySize + 4; font.bold: true
        }
        // The form's answers (the phone number masked: the screen is in a public hall).
        Column {
            objectName: "formSummary"
            width: parent.width
            visible: form.summary.length > 0
            spacing: theme.spacing / 2
            Repeater {
                model: form.summary
                delegate: Text {
                    objectName: "summaryLine"
                    width: parent.width; wrapMode: Text.WordWrap
                    text: qsTr("%1：%2").arg(modelData.label).arg(modelData.value)
                    color: theme.text; font.pointSize: theme.bodySize + 4
                }
            }
        }
        Text {
            width: parent.width; wrapMode: Text.WordWrap
            text: qsTr("确认后立即生效，网络不通时也会先在本机登记，稍后自动上报。")
            color: theme.mutedText; font.pointSize: theme.bodySize
        }
        Row {
            spacing: theme.spacing
            visible: apply.submitting
            Spinner { width: 64; height: 64 }
            Text {
                anchors.verticalCenter: parent.verticalCenter
                text: qsTr("正在登记，请稍候…")
                color: theme.text; font.pointSize: theme.bodySize
            }
        }
        BigButton {
            objectName: "confirmApplication"
            width: parent.width * 0.6
            visible: !apply.submitting
            centered: true
            label: qsTr("确认办理")
            onClicked: apply.confirm()
        }
    }
    // With a form, back returns to its last question rather than leaving the service.
    NavBar {
        backName: form.active ? "formBack" : "backButton"
        goBack: function () { if (form.active) form.back(); else kiosk.back() }
        anchors { left: parent.left; right: parent.right; bottom: parent.bottom }
    }
}
