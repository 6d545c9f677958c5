// Payments, step 2: the order's QR code, large, to scan with a phone; the amount, the
// vehicle and the time left. The state is polled by the part; the screen only shows it.
import QtQuick

Item {
    id: screen
    readonly property var o: pay.order
    readonly property int qrSize: kiosk.elderMode ? 600 : 560

    Row {
        anchors.centerIn: parent
        spacing: 80

        // The QR code on a white card (a quiet zone phones need), or a spinner meanwhile.
        Rectangle {
            width: screen.qrSize + 48; height: width
            radius: 16
            color: "white"
            border.color: theme.primary; border.width: 3
            anchors.verticalCenter: parent.verticalCenter
            Image {
                objectName: "payQr"
                anchors.centerIn: parent
                width: screen.qrSize; height: screen.qrSize
                visible: o.qr !== ""
                source: o.qr
                smooth: false
                fillMode: Image.PreserveAspectFit
            }
            Column {
                anchors.centerIn: parent
                visible: o.qr === ""
                spacing: theme.spacing
                Spinner { anchors.horizontalCenter: parent.horizontalCenter }
                Text {
                    anchors.horizontalCenter: parent.horizontalCenter
                    text: qsTr("正在生成支付二维码…")
                    color: theme.text; font.pointSize: theme.bodySize
                }
            }
        }

        Column {
            width: kiosk.elderMode ? 1000 : 900
            anchors.verticalCenter: parent.verticalCenter
            spacing: theme.spacing

            ScreenTitle {
                width: parent.width
                text: qsTr("请用手机银联云闪付、支付宝或微信扫码支付")
            }
            Row {
                spacing: 24
                Text {
                    anchors.baseline: amount.baseline
                    text: qsTr("应缴金额")
                    color: theme.text; font.pointSize: theme.bodySize + 4
                }
                Text {
                    id: amount
                    objectName: "payAmount"
                    text: o.amount
                    color: theme.accent; font.pointSize: theme.hugeSize * 0.7; font.bold: true
                }
            }
            Text {
                objectName: "payVehicle"
                width: parent.width; wrapMode: Text.WordWrap
                text: qsTr("%1 · %2 · %3 年度").arg(o.plate).arg(o.vehicle).arg(o.year)
                color: theme.text; font.pointSize: theme.bodySize + 4; font.bold: true
            }
            Text {
                objectName: "payCountdown"
                width: parent.width; wrapMode: Text.WordWrap
                visible: o.qr !== ""
                text: o.cancelling || o.confirming ? qsTr("正在确认支付结果，请稍候…")
                      : o.minutesLeft > 0
                        ? qsTr("剩余 %1 分 %2 秒，请扫码完成支付").arg(o.minutesLeft).arg(o.secondsLeft % 60)
                        : qsTr("剩余 %1 秒，请扫码完成支付").arg(o.secondsLeft)
                color: theme.primary; font.pointSize: theme.bodySize + 4; font.bold: true
            }
            Text {
                objectName: "payNetwork"
                width: parent.width; wrapMode: Text.WordWrap
                visible: o.network !== ""
                text: "⚠ " + o.network
                color: theme.warning; font.pointSize: theme.bodySize; font.bold: true
            }
            Text {
                width: parent.width; wrapMode: Text.WordWrap
                text: qsTr("支付完成后请稍候，本机会自动打印缴费凭条。")
                color: theme.mutedText; font.pointSize: theme.bodySize
            }
            BigButton {
                objectName: "payCancel"
                width: parent.width * 0.6
                implicitHeight: theme.smallButtonHeight + 24
                secondary: true; centered: true
                available: !o.cancelling
                label: qsTr("取消支付")
                onClicked: pay.cancel()
            }
        }
    }

    NavBar {
        showBack: false
        anchors { left: parent.left; right: parent.right; bottom: parent.bottom }
    }
}
