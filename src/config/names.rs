//! What each way of configuring the widget calls each setting.

/// What one way of configuring the widget calls each setting.
pub struct Names {
    pub proxy_base: &'static str,
    pub session: &'static str,
    pub porting_id: &'static str,
    pub demo: &'static str,
    pub locale: &'static str,
    pub porting: &'static str,
}

pub const DATA_ATTRIBUTES: Names = Names {
    proxy_base: "data-proxy-base",
    session: "data-session",
    porting_id: "data-porting-id",
    demo: "data-demo",
    locale: "data-locale",
    porting: "data-porting",
};

pub const ELEMENT_ATTRIBUTES: Names = Names {
    proxy_base: "proxy-base",
    session: "session",
    porting_id: "porting-id",
    demo: "demo",
    locale: "locale",
    porting: "porting",
};

pub const OPTIONS: Names = Names {
    proxy_base: "proxyBase",
    session: "session",
    porting_id: "portingId",
    demo: "demo",
    locale: "locale",
    porting: "porting",
};

impl Names {
    pub fn all(&self) -> [&'static str; 6] {
        [self.proxy_base, self.session, self.porting_id, self.demo, self.locale, self.porting]
    }
}
