// An old browser: no WebAssembly. The page listens as a telco's would.
delete window.WebAssembly;
document.addEventListener("porting:loaderror", (event) => {
  const entry = document.createElement("li");
  entry.textContent = `loaderror ${JSON.stringify(event.detail)}`;
  document.getElementById("events").append(entry);
});
