// 预约取号: the citizen's appointments today (card) or the one in the QR code, each
// still booked with its own "取号" button (nothing is issued before the citizen
// confirms). When there is nothing to take, why, and an ordinary number instead.
import QtQuick

Item {
    readonly property bool single: checkin.appointments.length === 1

    // Scrolls only when a citizen has more appointments today than fit (elder mode).
    Flickable {
        anchors { left: parent.left; right: parent.right; top: parent.top; bottom: nav.top }
        contentHeight: body.implicitHeight + 64
        boundsBehavior: Flickable.StopAtBounds
        clip: true

        Column {
            id: body
            anchors { horizontalCenter: parent.horizontalCenter; top: parent.top; topMargin: 32 }
            width: parent.width * 0.84
            spacing: theme.spacing

            ScreenTitle {
                width: parent.width
                text: checkin.fromQr ? qsTr("请核对您的预约")
                      : (checkin.appointments.length > 0 || checkin.loading ? qsTr("您今天的预约")
                                                                           : qsTr("预约取号"))
                hint: (kiosk.holderGreeting !== "" ? qsTr("您好，%1。").arg(kiosk.holderGreeting) : "")
                      + (checkin.bookable > 0 ? qsTr("核对无误后，请点“取号”。") : "")
            }

            Row {
                visible: checkin.loading
                spacing: theme.spacing
                Spinner { width: 72; height: 72 }
                Text {
                    objectName: "appointmentsLoading"
                    anchors.verticalCenter: parent.verticalCenter
                    text: qsTr("正在查询您今天的预约，请稍候…")
                    color: theme.text; font.pointSize: theme.bodySize + 4; font.bold: true
                }
            }

            // One card per appointment: when, what, its state, and its button.
            Repeater {
                model: checkin.appointments
                delegate: Rectangle {
                    objectName: "appointment_" + modelData.id
                    width: body.width
                    height: Math.max(info.implicitHeight, take.visible ? take.height : 0)
                            + (single ? 48 : 32)
                    radius: 16
                    color: "white"
                    border.color: modelData.bookable ? theme.primary : theme.disabledText
                    border.width: 3

                    Column {
                        id: info
                        anchors { left: parent.left; leftMargin: 32; verticalCenter: parent.verticalCenter
                                  right: take.visible ? take.left : parent.right; rightMargin: 32 }
                        spacing: 8
                        Text {
                            objectName: "appointmentTitle"
                            width: parent.width; wrapMode: Text.WordWrap
                            text: (modelData.time !== "" ? modelData.time + "    " : "") + modelData.title
                            color: theme.text; font.bold: true
                            // Several appointments: a little smaller, so that they all fit.
                            font.pointSize: single ? theme.titleSize : theme.buttonTextSize
                        }
                        Text {
                            // From a QR code, whose appointment it is (masked, as the hall
                            // put it in the code): the citizen checks it is theirs.
                            objectName: "appointmentHolder"
                            visible: modelData.name !== ""
                            width: parent.width
                            text: qsTr("预约人：%1").arg(modelData.name)
                            color: theme.text; font.pointSize: theme.bodySize + 4
                        }
                        Text {
                            objectName: "appointmentStatus"
                            width: parent.width; wrapMode: Text.WordWrap
                            // The state in words (never colour alone), then the number staff ask for.
                            text: (modelData.bookable ? "● " : "✕ ") + modelData.statusText
                                  + "    " + qsTr("预约编号：%1").arg(modelData.id)
                            color: modelData.bookable ? theme.primary : theme.warning
                            font.pointSize: theme.bodySize; font.bold: true
                        }
                    }
                    BigButton {
                        id: take
                        objectName: "checkIn_" + modelData.id
                        visible: modelData.bookable
                        anchors { right: parent.right; rightMargin: 24; verticalCenter: parent.verticalCenter }
                        width: single ? (kiosk.elderMode ? 440 : 380) : (kiosk.elderMode ? 340 : 280)
                        implicitHeight: single ? theme.buttonHeight : theme.smallButtonHeight + 24
                        centered: true
                        label: qsTr("取号")
                        onClicked: checkin.checkIn(modelData.id)
                    }
                }
            }

            Text {
                id: checkinMessage
                objectName: "checkinMessage"
                width: parent.width; wrapMode: Text.WordWrap
                visible: text !== ""
                text: checkin.message !== "" ? "⚠ " + checkin.message : ""
                color: theme.warning; font.pointSize: theme.bodySize + 4; font.bold: true
            }

            BigButton {
                objectName: "ordinaryTicket"
                visible: checkin.message !== ""
                width: parent.width * 0.6
                // The receipt printer and the queue service say whether it can be offered.
                available: kiosk.ticketService.available
                reason: kiosk.ticketService.reason
                label: qsTr("取普通号")
                detail: qsTr("不用预约，排队办理")
                onClicked: checkin.takeOrdinaryTicket()
            }
        }
    }

    // Back would only repeat the card or the code: end the service instead.
    NavBar {
        id: nav
        showBack: false
        anchors { left: parent.left; right: parent.right; bottom: parent.bottom }
    }

    Spoken { texts: [checkinMessage] }
}
