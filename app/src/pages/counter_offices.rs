//! The list of service counter offices, filterable by county. The filter is a plain GET
//! form, so it works before hydration and after.

use crate::api::list_counter_offices;
use crate::components::common::{loaded, Digits, Location, SampleBadge, SectionIntro};
use crate::model::CounterOffice;
use crate::sections::section;
use leptos::prelude::*;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;

#[component]
pub fn CounterOfficesPage() -> impl IntoView {
    let offices = OnceResource::new(list_counter_offices());
    let query = use_query_map();
    view! {
        <article class="page">
            <SectionIntro section=section("counter_office")/>
            {loaded(offices, move |list: Vec<CounterOffice>| {
                let county = query.read().get("county").unwrap_or_default();
                let q = query.read().get("q").unwrap_or_default();
                view! { <OfficeTable offices=list county=county q=q/> }
            })}
        </article>
    }
}

#[component]
fn OfficeTable(offices: Vec<CounterOffice>, county: String, q: String) -> impl IntoView {
    let mut counties: Vec<String> = offices.iter().map(|o| o.county.clone()).collect();
    counties.dedup();
    let words = crate::persian::text::normalize(q.trim());
    let matches = |o: &CounterOffice| {
        words.is_empty()
            || crate::persian::text::normalize(&format!(
                "{} {} {} {}",
                o.name.clone().unwrap_or_default(),
                o.manager,
                o.address,
                o.code
            ))
            .contains(&words)
    };
    let shown: Vec<CounterOffice> = offices
        .into_iter()
        .filter(|o| county.is_empty() || o.county == county)
        .filter(matches)
        .collect();
    let count = shown.len();
    view! {
        <Form method="GET" action="" attr:class="filter-form">
            <label for="county">"شهرستان"</label>
            <select id="county" name="county">
                <option value="" selected=county.is_empty()>"همه‌ی شهرستان‌ها"</option>
                {counties
                    .into_iter()
                    .map(|c| {
                        let selected = c == county;
                        view! { <option value=c.clone() selected=selected>{c.clone()}</option> }
                    })
                    .collect_view()}
            </select>
            <label for="q">"نام، مدیر یا نشانی"</label>
            <input id="q" name="q" type="search" value=q.clone()/>
            <button type="submit">"نمایش"</button>
        </Form>
        <p role="status">{format!("{} دفتر", crate::persian::format_number(count as i64))}</p>
        {if count == 0 {
            view! { <p>"دفتری برای این شهرستان ثبت نشده است."</p> }.into_any()
        } else {
            view! {
                <div class="table-wrap">
                    <table>
                        <caption class="visually-hidden">"فهرست دفاتر پیشخوان"</caption>
                        <thead>
                            <tr>
                                <th scope="col">"شهرستان"</th>
                                <th scope="col">"کد دفتر"</th>
                                <th scope="col">"مدیر دفتر"</th>
                                <th scope="col">"نشانی"</th>
                                <th scope="col">"تلفن"</th>
                                <th scope="col">"ساعت کار"</th>
                                <th scope="col">"موقعیت"</th>
                            </tr>
                        </thead>
                        <tbody>
                            {shown
                                .into_iter()
                                .map(|o| {
                                    view! {
                                        <tr>
                                            <td>{o.county}</td>
                                            <td><Digits text=o.code/> {o.name.clone().map(|n| view! { <br/> {n} })} {o.is_sample.then(|| view! { " " <SampleBadge/> })}</td>
                                            <td>{o.manager}</td>
                                            <td>{o.address}</td>
                                            <td><Digits text=o.phone/></td>
                                            <td>{o.working_hours.clone().unwrap_or_default()}</td>
                                            <td>{o.latitude.zip(o.longitude).map(|(a, b)| view! { <Location latitude=a longitude=b/> })}</td>
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                </div>
            }
                .into_any()
        }}
    }
}
